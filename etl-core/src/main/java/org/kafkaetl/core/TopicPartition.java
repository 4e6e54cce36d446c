package org.kafkaetl.core;

import java.util.Objects;

/** A Kafka topic partition; the topic name is validated so it is always safe as a path element. */
public record TopicPartition(String topic, int partition) implements Comparable<TopicPartition> {
  public TopicPartition {
    TopicNames.requireValid(topic);
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be >= 0, got " + partition);
    }
  }

  @Override
  public int compareTo(TopicPartition o) {
    int c = topic.compareTo(o.topic);
    return c != 0 ? c : Integer.compare(partition, o.partition);
  }

  /**
   * A record's own hash, 31 × the topic's plus the partition, gives topics whose names differ in one
   * character ({@code events_1}, {@code events_2}) the same codes for partitions 31 apart: 100 topics
   * of 1 000 partitions had 10 246 distinct codes, and every map keyed by partition degraded to
   * trees. A large odd multiplier keeps nearby topics' codes far apart.
   */
  @Override
  public int hashCode() {
    return topic.hashCode() * 0x9E3779B9 + partition;
  }

  @Override
  public String toString() {
    return topic + "-" + partition;
  }

  public static TopicPartition of(String topic, int partition) {
    return new TopicPartition(Objects.requireNonNull(topic, "topic"), partition);
  }
}
