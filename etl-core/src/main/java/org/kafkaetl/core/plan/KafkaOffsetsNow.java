package org.kafkaetl.core.plan;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kafkaetl.core.TopicPartition;

/**
 * What Kafka said about the configured topics at planning: the offsets of every partition it could
 * answer for, and the topics or partitions it could not (each planned by a later run instead).
 */
public record KafkaOffsetsNow(List<KafkaPartitionOffsets> partitions, List<TopicUnavailable> unavailable) {
  public KafkaOffsetsNow {
    partitions = List.copyOf(partitions);
    unavailable = List.copyOf(unavailable);
  }

  public boolean isUnavailable(TopicPartition partition) {
    return unavailable.stream().anyMatch(u -> u.covers(partition));
  }

  /** Whether no range of the partition, new or planned before, can be read this run ({@link TopicUnavailable.Cause#blocksEveryRead}). */
  public boolean blocksEveryRead(TopicPartition partition) {
    return unavailable.stream().anyMatch(u -> u.cause().blocksEveryRead() && u.covers(partition));
  }

  /** The same offsets, with {@code more} topics not read. */
  public KafkaOffsetsNow withUnavailable(List<TopicUnavailable> more) {
    return more.isEmpty() ? this : new KafkaOffsetsNow(partitions,
        java.util.stream.Stream.concat(unavailable.stream(), more.stream()).toList());
  }

  /**
   * The stored ends of the partitions Kafka answered for: an unavailable partition is neither gone
   * nor new, so the planner must not see it (it would report it vanished).
   */
  public <V> Map<TopicPartition, V> readableOnly(Map<TopicPartition, V> storedEnds) {
    Map<TopicPartition, V> readable = new TreeMap<>(storedEnds);
    readable.keySet().removeIf(this::isUnavailable);
    return readable;
  }

  /** Kafka's topic id of each topic it gave one for. */
  public Map<String, String> topicIds() {
    Map<String, String> ids = new TreeMap<>();
    partitions.stream().filter(p -> p.topicId() != null).forEach(p -> ids.put(p.partition().topic(), p.topicId()));
    return ids;
  }
}
