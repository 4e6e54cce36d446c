package org.kafkaetl.it.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.kafkaetl.kafka.ConsumerSettings;

/**
 * Measurement (1), the physical limit: a plain {@link KafkaConsumer} reading a topic's partitions
 * from the beginning to their end offsets with assign + seek, touching every key and value and
 * doing nothing else, timed from creating the consumer until every end offset is reached.
 * Several fetch settings are tried; the fastest is the limit the job is compared with.
 */
final class ConsumerLimit {
  /** Suffix of a setting's name: read partitions one after another. */
  static final String ONE_AT_A_TIME = ", one partition at a time";
  /** Fetch settings tried for the limit, by name. */
  static final Map<String, Map<String, Object>> SETTINGS = settings();

  private final String bootstrapServers;

  ConsumerLimit(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Records, key + value bytes and seconds of one read. */
  record Rate(long records, long bytes, double seconds) {
    double recordsPerSecond() {
      return records / seconds;
    }

    double mbPerSecond() {
      return bytes / 1e6 / seconds;
    }
  }

  private static Map<String, Map<String, Object>> settings() {
    Map<String, Map<String, Object>> s = new LinkedHashMap<>();
    s.put("client defaults", Map.of());
    // exactly what a map task's consumer gets (ConsumerSettings.forReading without pass-through)
    s.put("job's consumer settings", ConsumerSettings.forReading(Map.of(), "bench-job-settings"));
    Map<String, Object> jobAutotuned = new HashMap<>(ConsumerSettings.forReading(Map.of(), "bench-job-autotuned"));
    jobAutotuned.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1);
    s.put("job's settings, OS-tuned receive buffer", jobAutotuned);
    Map<String, Object> jobLarge = new HashMap<>(jobAutotuned);
    jobLarge.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    jobLarge.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
    s.put("job's settings, OS-tuned receive buffer, 16 MiB partition fetches", jobLarge);
    s.put("large fetches", Map.of(
        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024,
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000,
        ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1,
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20));
    return s;
  }

  /**
   * Reads every partition of {@code topic} to its end offset with the named fetch settings: all
   * partitions assigned at once, or (name ending in {@link #ONE_AT_A_TIME}) one after another on
   * the same consumer, the way a map task reads its events.
   */
  Rate read(String topic, int partitions, String settingsName) {
    boolean oneAtATime = settingsName.endsWith(ONE_AT_A_TIME);
    String base = oneAtATime ? settingsName.substring(0, settingsName.length() - ONE_AT_A_TIME.length()) : settingsName;
    Map<String, Object> props = new HashMap<>(SETTINGS.get(base));
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-limit");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    List<TopicPartition> tps = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      tps.add(new TopicPartition(topic, p));
    }
    long start = System.nanoTime();
    long records = 0;
    long bytes = 0;
    double seconds;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      Map<TopicPartition, Long> ends = consumer.endOffsets(tps, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      for (List<TopicPartition> group : oneAtATime ? tps.stream().map(List::of).toList() : List.of(tps)) {
        consumer.assign(group);
        for (TopicPartition tp : group) {
          consumer.seek(tp, 0);
        }
        while (!atEnd(consumer, group, ends)) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("plain consumer did not reach the end of " + topic + " in 10 minutes");
          }
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            records++;
            bytes += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
          }
        }
      }
      seconds = (System.nanoTime() - start) / 1e9; // until the end was read; closing is not reading
    }
    return new Rate(records, bytes, seconds);
  }

  private static boolean atEnd(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> group,
      Map<TopicPartition, Long> ends) {
    for (TopicPartition tp : group) {
      if (consumer.position(tp) < ends.get(tp)) {
        return false;
      }
    }
    return true;
  }
}
