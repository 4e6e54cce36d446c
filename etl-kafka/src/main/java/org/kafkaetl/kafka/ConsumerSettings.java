package org.kafkaetl.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Kafka client properties: the user's {@code kafka.*} pass-through (so SASL/TLS work) with the
 * settings exactly-once reading depends on forced on top.
 */
public final class ConsumerSettings {
  /** Longest a fetch waits on the broker for data; see {@link #forReading}. */
  static final int FETCH_MAX_WAIT_MS = 20;

  private ConsumerSettings() {}

  public static Map<String, Object> forReading(Map<String, String> passThrough, String clientId) {
    Map<String, Object> props = new HashMap<>(passThrough);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    // Offsets live in etl_offsets; Kafka must never move a position for us.
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    // Records of aborted transactions must never land; planning lists offsets the same way.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    props.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
    // A map task reads its ranges one after another. When a range ends where the log ends, the
    // fetch the consumer pipelined for it waits this long on the broker for data that will not
    // come, and the next range's first fetch waits behind it (one fetch per broker at a time).
    // Kafka's 500 ms default made each such switch cost half a second (docs/performance.md).
    props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(FETCH_MAX_WAIT_MS));
    // A batch per fetch size, not a record size limit: Kafka returns a first batch larger than this
    // (or fetch.max.bytes) whole, so a message up to the topic's max.message.bytes still lands
    // (PoisonMessagesIT reads a 5 MB one).
    props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 * 1024 * 1024));
    props.putIfAbsent(ConsumerConfig.RECEIVE_BUFFER_CONFIG, String.valueOf(1024 * 1024));
    return props;
  }

  /** Admin client properties for planning: the pass-through plus a bounded wait for metadata. */
  public static Map<String, Object> forAdmin(Map<String, String> passThrough, String clientId) {
    Map<String, Object> props = new HashMap<>();
    passThrough.forEach((k, v) -> {
      if (!CONSUMER_ONLY.containsKey(k)) {
        props.put(k, v);
      }
    });
    props.put("client.id", clientId);
    props.putIfAbsent("default.api.timeout.ms", "30000");
    props.putIfAbsent("request.timeout.ms", "15000");
    return props;
  }

  private static final Map<String, Boolean> CONSUMER_ONLY = Map.of(
      ConsumerConfig.GROUP_ID_CONFIG, true,
      ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, true,
      ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true,
      ConsumerConfig.MAX_POLL_RECORDS_CONFIG, true,
      ConsumerConfig.FETCH_MIN_BYTES_CONFIG, true,
      ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, true,
      ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, true,
      ConsumerConfig.ISOLATION_LEVEL_CONFIG, true);
}
