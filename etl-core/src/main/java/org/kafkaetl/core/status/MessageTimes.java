package org.kafkaetl.core.status;

import java.util.Map;
import org.kafkaetl.core.TopicPartition;

/** Kafka's timestamps of messages, for how long the oldest message not landed has waited. */
@FunctionalInterface
public interface MessageTimes {
  /** Asks nothing: the age is not measured. */
  MessageTimes NONE = offsets -> Map.of();

  /**
   * The Kafka timestamp (epoch milliseconds) of the first message at or after each offset, for the
   * partitions it could be read for in time; a partition left out has no age.
   */
  Map<TopicPartition, Long> firstAtOrAfter(Map<TopicPartition, Long> offsets);
}
