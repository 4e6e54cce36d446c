package org.kafkaetl.core.status;

import java.util.List;
import java.util.Map;
import org.kafkaetl.core.TopicPartition;

/** Kafka's timestamps of messages, for how long the oldest message not landed has waited. */
@FunctionalInterface
public interface MessageTimes {
  /** Asks nothing: the age is not measured. */
  MessageTimes NONE = offsets -> Map.of();

  /**
   * The Kafka timestamps (epoch milliseconds) of the first messages at or after each offset, in
   * offset order, as many as one fetch gave, for the partitions that could be read in time; a
   * partition left out has no age. More than one, because the first may carry a time no clock
   * gave it (0, or a year ahead), and the next plausible one still dates the backlog.
   */
  Map<TopicPartition, List<Long>> firstAtOrAfter(Map<TopicPartition, Long> offsets);
}
