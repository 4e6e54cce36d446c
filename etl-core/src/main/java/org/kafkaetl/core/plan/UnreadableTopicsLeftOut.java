package org.kafkaetl.core.plan;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Kafka's offsets at planning, with topics already known unreadable this run (their reader schema
 * could not be had) left out and reported unavailable: Kafka is not asked about them, and a run of
 * only such topics plans nothing rather than failing as if Kafka had no topic readable.
 */
public final class UnreadableTopicsLeftOut implements PartitionOffsetsSource {
  private final PartitionOffsetsSource kafka;
  private final List<TopicUnavailable> unreadable;

  /** @param unreadable whole topics, each with why it cannot be read */
  public UnreadableTopicsLeftOut(PartitionOffsetsSource kafka, List<TopicUnavailable> unreadable) {
    this.kafka = kafka;
    this.unreadable = List.copyOf(unreadable);
  }

  /** Every partition asked for: callers that need exact offsets of named topics get them, or an error. */
  @Override
  public List<KafkaPartitionOffsets> offsets(Collection<String> topics) {
    return kafka.offsets(topics);
  }

  @Override
  public KafkaOffsetsNow read(Collection<String> topics) {
    List<TopicUnavailable> asked = unreadable.stream().filter(u -> topics.contains(u.topic())).toList();
    Set<String> leftOut = asked.stream().map(TopicUnavailable::topic).collect(Collectors.toSet());
    List<String> rest = topics.stream().filter(t -> !leftOut.contains(t)).toList();
    KafkaOffsetsNow now = rest.isEmpty() ? new KafkaOffsetsNow(List.of(), List.of()) : kafka.read(rest);
    return now.withUnavailable(asked);
  }

  @Override
  public List<TopicUnavailable> unreadable() {
    return unreadable;
  }

  @Override
  public PartitionOffsetsSource everyTopic() {
    return kafka;
  }

  @Override
  public void close() {
    kafka.close();
  }
}
