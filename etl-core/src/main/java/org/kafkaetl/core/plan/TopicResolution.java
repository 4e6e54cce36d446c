package org.kafkaetl.core.plan;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.kafkaetl.core.config.EtlConfig;

/**
 * The topics a command works on: the listed ones, and those the patterns (etl.topics.include /
 * exclude) select among Kafka's topic list and the topics the bookkeeping already holds. A matched
 * topic the bookkeeping holds stays in even when Kafka no longer lists it, so it is reported as
 * unavailable like a listed topic instead of silently no longer being read.
 *
 * @param config the configuration with the matched topics among its topics
 * @param matched topics selected by the patterns, not listed
 * @param newlyMatched of those, the ones Kafka lists and the bookkeeping has never held: read for the
 *     first time (from where etl.new.partition.start says), with an INFO alert
 */
public record TopicResolution(EtlConfig config, SortedSet<String> matched, SortedSet<String> newlyMatched) {
  public TopicResolution {
    Objects.requireNonNull(config, "config");
    matched = Collections.unmodifiableSortedSet(new TreeSet<>(matched));
    newlyMatched = Collections.unmodifiableSortedSet(new TreeSet<>(newlyMatched));
  }

  /**
   * @param kafkaTopics Kafka's topic list now; empty when it was not asked or could not be read
   * @param knownTopics the topics the bookkeeping has partitions of
   */
  public static TopicResolution resolve(EtlConfig config, Collection<String> kafkaTopics,
      Collection<String> knownTopics) {
    if (!config.topicPatterns().configured()) {
      return new TopicResolution(config, new TreeSet<>(), new TreeSet<>());
    }
    SortedSet<String> candidates = new TreeSet<>(kafkaTopics);
    candidates.addAll(knownTopics);
    SortedSet<String> matched = new TreeSet<>();
    java.util.Set<String> listed = new java.util.HashSet<>(config.topicNames());
    for (String topic : candidates) {
      if (config.topicPatterns().selects(topic) && !listed.contains(topic)) {
        matched.add(topic);
      }
    }
    SortedSet<String> newlyMatched = new TreeSet<>(matched);
    newlyMatched.retainAll(new TreeSet<>(kafkaTopics));
    newlyMatched.removeAll(new TreeSet<>(knownTopics));
    return new TopicResolution(config.withMatchedTopics(matched), matched, newlyMatched);
  }
}
