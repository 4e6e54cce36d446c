package org.kafkaetl.it.soak;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.kafkaetl.it.fixtures.KafkaFixture;

/**
 * Writes sequence-numbered messages (key "kN", N counting per partition across the topic's
 * incarnations; the value as {@link SoakFormat} writes it) and keeps its own record of what Kafka acknowledged: per partition and
 * sequence number, the offset, the incarnation and the hour it was written in. That record, not the
 * ETL's tables, is what the independent check compares the warehouse with; the key identifies a
 * landed message even when a recreated topic reused its offset. Poison messages get negative
 * sequence numbers, each naming a {@link Poison} that says where the message must end up.
 */
public final class SoakProducer {
  /** One acknowledged message. */
  record Sent(int partition, long seq, long offset, int incarnation, int hour) {}

  /** A poison message as acknowledged, and what it is. */
  record PoisonSent(Sent sent, Poison poison) {}

  private final KafkaFixture kafka;
  private final String topic;
  private final SoakFormat format;
  private int partitions;
  private int incarnation;
  private final Map<Integer, SentLog> sent = new TreeMap<>();
  private final Map<Long, PoisonSent> poisons = new TreeMap<>();

  public SoakProducer(KafkaFixture kafka, String topic, SoakFormat format, int partitions) {
    this.kafka = kafka;
    this.topic = topic;
    this.format = format;
    this.partitions = partitions;
  }

  /** Sends {@code count} messages with event times spread evenly over {@code [from, to)}; waits for the acks. */
  public void send(int partition, int count, int hour, Instant from, Instant to) {
    long stepMs = count == 0 ? 0 : Duration.between(from, to).toMillis() / count;
    SentLog log = sent.computeIfAbsent(partition, p -> new SentLog());
    long first = log.size();
    List<Future<RecordMetadata>> acks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long seq = first + i;
      long time = from.toEpochMilli() + i * stepMs;
      acks.add(kafka.produce(topic, partition, time, key(seq), format.value(partition, seq, time)));
    }
    kafka.flush();
    for (int i = 0; i < count; i++) {
      log.add(first + i, offsetOf(acks.get(i)), incarnation, hour);
    }
  }

  /**
   * Sends one poison message through {@code producer} (one allowed to send large requests) and
   * records what the warehouse must hold for it; returns its offset.
   */
  public long sendPoison(KafkaProducer<byte[], byte[]> producer, int partition, int hour, Long timestampMs,
      byte[] value, Poison.Fate fate, String kind) {
    long seq = -1 - poisons.size();
    long offset = offsetOf(producer.send(new ProducerRecord<>(topic, partition, timestampMs, key(seq), value)));
    poisons.put(seq, new PoisonSent(new Sent(partition, seq, offset, incarnation, hour), Poison.of(kind, fate, value)));
    return offset;
  }

  /** How many messages Kafka acknowledged, poison ones included. */
  long acknowledged() {
    return sent.values().stream().mapToLong(SentLog::size).sum() + poisons.size();
  }

  /** Per partition, what was sent there by sequence number. */
  Map<Integer, SentLog> sent() {
    return sent;
  }

  /** Poison messages by their (negative) sequence number. */
  Map<Long, PoisonSent> poisons() {
    return poisons;
  }

  /** What was sent with sequence number {@code seq} to {@code partition}; null if nothing. */
  Sent lookup(int partition, long seq) {
    if (seq < 0) {
      PoisonSent p = poisons.get(seq);
      return p == null || p.sent().partition() != partition ? null : p.sent();
    }
    SentLog log = sent.get(partition);
    return log == null || seq >= log.size() ? null
        : new Sent(partition, seq, log.offset(seq), log.incarnation(seq), log.hour(seq));
  }

  public String topic() {
    return topic;
  }

  SoakFormat format() {
    return format;
  }

  /** How many partitions the topic has now (it can grow during the soak). */
  public int partitions() {
    return partitions;
  }

  void partitionsAdded(int newCount) {
    partitions = newCount;
  }

  /** The topic's incarnation: 0, and one more each time it was deleted and created again. */
  int incarnation() {
    return incarnation;
  }

  void topicRecreated() {
    incarnation++;
  }

  public static byte[] payload(long seq) {
    return ("seq=" + seq).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] key(long seq) {
    return ("k" + seq).getBytes(StandardCharsets.UTF_8);
  }

  /** The sequence number a landed message's key names; null if it is not a soak key. */
  static Long seqOfKey(byte[] key) {
    if (key == null || key.length < 2 || key[0] != 'k') {
      return null;
    }
    try {
      return Long.parseLong(new String(key, 1, key.length - 1, StandardCharsets.UTF_8));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static long offsetOf(Future<RecordMetadata> ack) {
    try {
      return ack.get().offset();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for a Kafka ack", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka did not acknowledge a soak message", e);
    }
  }
}
