package org.kafkaetl.core.plan;

import java.util.Collection;
import java.util.List;

/**
 * Where the planner learns what Kafka holds. Throws {@link org.kafkaetl.core.RetriableException}
 * when Kafka cannot be reached, and {@link org.kafkaetl.core.EtlException} when it can be used for
 * none of the topics (none exists, credentials refused...).
 */
public interface PartitionOffsetsSource extends AutoCloseable {
  /** Every partition of the given topics with its earliest and latest offset; fails if any is unavailable. */
  List<KafkaPartitionOffsets> offsets(Collection<String> topics);

  /**
   * The offsets of every partition Kafka answers for, and the topics or partitions it does not
   * (missing, not authorized, leaderless, no answer), so one broken topic does not stop the others.
   * Still throws when no topic can be read at all.
   */
  default KafkaOffsetsNow read(Collection<String> topics) {
    return new KafkaOffsetsNow(offsets(topics), List.of());
  }

  /**
   * Topics nothing of which this run reads, known before Kafka is asked (their reader schema could
   * not be had): {@link #read} reports them unavailable. None unless a source says so.
   */
  default List<TopicUnavailable> unreadable() {
    return List.of();
  }

  /**
   * The source as it answers for every topic, unreadable ones included: for what must see Kafka as it
   * is whatever this run reads, such as whether a dead run's topic was recreated meanwhile.
   */
  default PartitionOffsetsSource everyTopic() {
    return this;
  }

  @Override
  void close();
}
