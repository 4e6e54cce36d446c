package org.kafkaetl.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.Secrets;
import org.kafkaetl.core.status.MessageTimes;
import org.kafkaetl.kafka.ConsumerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the first messages (one fetch) at or after each offset with a consumer of the job's settings (assign and
 * seek, never a group), within a time budget: the status must answer quickly when Kafka does not.
 * An offset Kafka already deleted is read from the partition's earliest message instead, the oldest
 * one still to land.
 */
final class KafkaMessageTimes implements MessageTimes {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaMessageTimes.class);
  /** One message per partition is wanted; a small fetch keeps a wide fleet's status cheap. */
  private static final int FETCH_BYTES = 64 * 1024;

  private final Map<String, String> kafkaProperties;
  private final Duration budget;

  KafkaMessageTimes(Map<String, String> kafkaProperties, Duration budget) {
    this.kafkaProperties = kafkaProperties;
    this.budget = budget;
  }

  @Override
  public Map<TopicPartition, List<Long>> firstAtOrAfter(Map<TopicPartition, Long> offsets) {
    Map<org.apache.kafka.common.TopicPartition, TopicPartition> ours = new HashMap<>();
    offsets.keySet().forEach(p -> ours.put(new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()), p));
    Map<TopicPartition, List<Long>> found = new HashMap<>();
    Map<String, Object> props = ConsumerSettings.forReading(kafkaProperties, "kafka-etl-status");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(FETCH_BYTES));
    long deadline = System.nanoTime() + budget.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.assign(ours.keySet());
      ours.forEach((kafka, partition) -> consumer.seek(kafka, offsets.get(partition)));
      while (found.size() < ours.size() && System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(Duration.ofMillis(Math.max(1, Math.min(500,
              (deadline - System.nanoTime()) / 1_000_000))));
        } catch (OffsetOutOfRangeException e) {
          consumer.seekToBeginning(e.partitions());
          continue;
        }
        for (org.apache.kafka.common.TopicPartition partition : records.partitions()) {
          found.put(ours.get(partition), records.records(partition).stream().map(ConsumerRecord::timestamp).toList());
          consumer.pause(java.util.List.of(partition));
        }
      }
    } catch (KafkaException e) {
      LOG.warn("the age of the oldest messages not landed is not known for every topic: {}",
          Secrets.display("message", e.toString()));
    }
    return found;
  }
}
