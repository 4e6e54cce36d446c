package org.kafkaetl.core.plan;

import org.kafkaetl.core.TopicPartition;

/** Something the planner handled that an operator should know about. */
public record PlanNotice(Kind kind, TopicPartition partition, String message) {

  /** What happened to the partition. */
  public enum Kind {
    /** First seen: starts at the configured position. */
    NEW_PARTITION,
    /** Known to etl_offsets but no longer in Kafka: nothing planned. */
    VANISHED_PARTITION,
    /** Kafka deleted offsets nobody read: recorded as a LOST range. */
    DATA_DELETED_BEFORE_READ,
    /**
     * Kafka's latest offset is behind what was already read, under the same topic id (unclean leader
     * election): nothing planned.
     */
    OFFSETS_WENT_BACKWARDS,
    /** Kafka's topic id differs from the stored one: a new incarnation, read from its earliest offset. */
    TOPIC_RECREATED
  }

  @Override
  public String toString() {
    return kind + " " + partition + ": " + message;
  }
}
