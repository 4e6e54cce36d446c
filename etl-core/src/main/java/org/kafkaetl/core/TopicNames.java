package org.kafkaetl.core;

import java.util.regex.Pattern;

/**
 * Kafka's own legal topic-name rule (letters, digits, '.', '_', '-', at most 249 chars, not "." or
 * ".."). Enforcing it here means a topic name can never smuggle a path separator into HDFS paths.
 */
public final class TopicNames {
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private TopicNames() {}

  public static boolean isValid(String topic) {
    return topic != null && LEGAL.matcher(topic).matches() && !topic.equals(".") && !topic.equals("..");
  }

  public static String requireValid(String topic) {
    if (!isValid(topic)) {
      throw new IllegalArgumentException(
          "invalid topic name '" + topic + "': Kafka topic names use only letters, digits, '.', '_' and '-'"
              + " (1-249 characters, not '.' or '..')");
    }
    return topic;
  }
}
