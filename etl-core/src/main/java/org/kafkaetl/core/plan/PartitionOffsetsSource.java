package org.kafkaetl.core.plan;

import java.util.Collection;
import java.util.List;

/**
 * Where the planner learns what Kafka holds. Throws {@link org.kafkaetl.core.RetriableException}
 * when Kafka cannot be reached, and {@link org.kafkaetl.core.EtlException} for a topic that does
 * not exist.
 */
public interface PartitionOffsetsSource extends AutoCloseable {
  /** Every partition of the given topics with its earliest and latest offset. */
  List<KafkaPartitionOffsets> offsets(Collection<String> topics);

  @Override
  void close();
}
