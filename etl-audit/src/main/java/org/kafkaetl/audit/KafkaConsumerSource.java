package org.kafkaetl.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.audit.KafkaSource;
import org.kafkaetl.kafka.ConsumerSettings;

/**
 * {@link KafkaSource} on a plain consumer with the job's client settings (the user's kafka.* keys,
 * read_committed, no group, no offset reset): assign, seek, poll until the position passes the end.
 * Progress is the consumer's position, since transaction markers are never returned as records.
 */
public final class KafkaConsumerSource implements KafkaSource {
  private static final Duration POLL = Duration.ofMillis(500);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Duration stallTimeout;
  private final Clock clock;

  /** @param stallTimeout reading fails when the position has not moved for this long */
  public KafkaConsumerSource(Map<String, String> kafkaClientProperties, Duration stallTimeout) {
    this.consumer = new KafkaConsumer<>(ConsumerSettings.forReading(kafkaClientProperties, "kafka-etl-audit"));
    this.stallTimeout = stallTimeout;
    this.clock = Clock.systemUTC();
  }

  @Override
  public OffsetRange available(TopicPartition partition) {
    org.apache.kafka.common.TopicPartition tp = kafkaPartition(partition);
    try {
      long earliest = consumer.beginningOffsets(List.of(tp), stallTimeout).get(tp);
      long latest = consumer.endOffsets(List.of(tp), stallTimeout).get(tp);
      return new OffsetRange(earliest, Math.max(earliest, latest));
    } catch (KafkaException e) {
      throw new RetriableException("cannot ask Kafka for the offsets of " + partition + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void read(TopicPartition partition, OffsetRange range, RecordSink sink) {
    org.apache.kafka.common.TopicPartition tp = kafkaPartition(partition);
    try {
      consumer.assign(List.of(tp));
      consumer.seek(tp, range.begin());
      long position = range.begin();
      Instant lastProgress = clock.instant();
      while (position < range.end()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL).records(tp)) {
          if (r.offset() < range.end()) {
            sink.accept(r.offset(), r.key(), r.value());
          }
        }
        long now = consumer.position(tp);
        if (now > position) {
          position = now;
          lastProgress = clock.instant();
        } else if (Duration.between(lastProgress, clock.instant()).compareTo(stallTimeout) > 0) {
          throw new RetriableException("Kafka returned nothing of " + partition + " after offset " + position + " for "
              + stallTimeout.toSeconds() + " s while the audit read " + range, null);
        }
      }
    } catch (KafkaException e) {
      throw new RetriableException("cannot read " + partition + " " + range + " from Kafka: " + e.getMessage(), e);
    }
  }

  private static org.apache.kafka.common.TopicPartition kafkaPartition(TopicPartition partition) {
    return new org.apache.kafka.common.TopicPartition(partition.topic(), partition.partition());
  }

  @Override
  public void close() {
    consumer.close();
  }
}
