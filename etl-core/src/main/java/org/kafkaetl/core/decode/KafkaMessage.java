package org.kafkaetl.core.decode;

import java.util.List;

/**
 * A message as read from Kafka, without Kafka client types.
 *
 * @param timestamp Kafka's record timestamp in epoch millis
 * @param key may be null
 * @param value may be null (a tombstone)
 */
public record KafkaMessage(
    String topic, int partition, long offset, long timestamp, byte[] key, byte[] value, List<Header> headers) {

  /** A Kafka record header. */
  public record Header(String key, byte[] value) {}
}
