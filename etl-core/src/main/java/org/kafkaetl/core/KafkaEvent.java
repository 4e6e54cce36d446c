package org.kafkaetl.core;

/**
 * One unit of work: read exactly {@code range} of {@code partition}. A hot partition's range is
 * split into several events that tile it.
 */
public record KafkaEvent(TopicPartition partition, OffsetRange range) {
  public String topic() {
    return partition.topic();
  }

  public long messages() {
    return range.count();
  }

  @Override
  public String toString() {
    return partition + "[" + range + ")";
  }
}
