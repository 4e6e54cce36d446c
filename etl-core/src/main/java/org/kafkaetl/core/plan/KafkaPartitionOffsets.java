package org.kafkaetl.core.plan;

import java.util.Optional;
import org.kafkaetl.core.TopicPartition;

/**
 * Offsets Kafka holds for a partition right now: [earliest, latest).
 *
 * @param topicId Kafka's id of the topic's current incarnation (a topic deleted and created again
 *     gets a new one and restarts its offsets), or null when Kafka gave none
 */
public record KafkaPartitionOffsets(TopicPartition partition, long earliest, long latest, String topicId) {

  /** Offsets of a partition whose topic id is not known. */
  public KafkaPartitionOffsets(TopicPartition partition, long earliest, long latest) {
    this(partition, earliest, latest, null);
  }

  public Optional<String> id() {
    return Optional.ofNullable(topicId);
  }
}
