package org.kafkaetl.core;

import java.util.Optional;

/**
 * Kafka's own legal topic-name rule (letters, digits, '.', '_', '-', at most 249 chars, not "." or
 * ".."). Enforcing it here means a topic name can never smuggle a path separator into HDFS paths.
 *
 * <p>A legal name is not always one this tool can land: the topic name is a directory name next to
 * the hour directory's {@code _reports}, Hadoop's {@code _temporary} (deleted by the output
 * committer) and {@code _SUCCESS}, and in the warehouse next to {@code _COMPLETE}, {@code _errors} and
 * {@code _rebuild}. Every such name starts with '_', and Hadoop's input formats and Hive skip names
 * starting with '_' or '.' as hidden. Such topics are refused in the configuration rather than
 * escaped: an escaped directory name would differ from the topic name in every path, command and
 * alert, and a refused one loses nothing (nothing of it was ever read).
 */
public final class TopicNames {
  private static final int MAX_LENGTH = 249;

  private TopicNames() {}

  /** Kafka's rule, checked a character at a time: every row read back builds a topic partition. */
  public static boolean isValid(String topic) {
    if (topic == null || topic.isEmpty() || topic.length() > MAX_LENGTH || topic.equals(".") || topic.equals("..")) {
      return false;
    }
    for (int i = 0; i < topic.length(); i++) {
      char c = topic.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
          || c == '-')) {
        return false;
      }
    }
    return true;
  }

  public static String requireValid(String topic) {
    if (!isValid(topic)) {
      throw new IllegalArgumentException(
          "invalid topic name '" + topic + "': Kafka topic names use only letters, digits, '.', '_' and '-'"
              + " (1-249 characters, not '.' or '..')");
    }
    return topic;
  }

  /** Why a legal topic cannot be landed, if it cannot: its name would be a reserved or hidden directory. */
  public static Optional<String> whyNotLandable(String topic) {
    if (topic.startsWith("_") || topic.startsWith(".")) {
      return Optional.of("topic '" + topic + "' cannot be landed: its name starts with '_' or '.', which"
          + " Hadoop and Hive treat as hidden and which this tool and Hadoop use for their own directories"
          + " (_temporary, _SUCCESS, _reports, _errors, _COMPLETE, _rebuild); mirror it to a topic whose name"
          + " starts with a letter or digit and land that one");
    }
    return Optional.empty();
  }

  /** A valid topic name that can be landed, or IllegalArgumentException saying why not. */
  public static String requireLandable(String topic) {
    requireValid(topic);
    whyNotLandable(topic).ifPresent(reason -> {
      throw new IllegalArgumentException(reason);
    });
    return topic;
  }
}
