package org.kafkaetl.core.audit;

import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;

/**
 * What Kafka still holds, for {@code audit --against-kafka}: read committed, like the job reads.
 * Methods throw {@link org.kafkaetl.core.RetriableException} when Kafka cannot be reached.
 */
public interface KafkaSource extends AutoCloseable {

  /** [earliest, latest) offsets Kafka has for the partition now. */
  OffsetRange available(TopicPartition partition);

  /** Hands every record of {@code range} to {@code sink}, in offset order. */
  void read(TopicPartition partition, OffsetRange range, RecordSink sink);

  /** Receives one Kafka record; key and value may be null. */
  @FunctionalInterface
  interface RecordSink {
    void accept(long offset, byte[] key, byte[] value);
  }

  @Override
  void close();
}
