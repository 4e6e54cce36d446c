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

  @Override
  public String toString() {
    return topic + "-" + partition;
  }

  public static TopicPartition of(String topic, int partition) {
    return new TopicPartition(Objects.requireNonNull(topic, "topic"), partition);
  }
}
