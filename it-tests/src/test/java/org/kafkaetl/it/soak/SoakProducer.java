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
 * Writes sequence-numbered messages ("seq=N") and keeps its own record of what Kafka acknowledged:
 * per partition, offset → (sequence number, hour it was written in). That record, not the ETL's
 * tables, is what the independent check compares the warehouse with. Poison messages get negative
 * sequence numbers, each naming a {@link Poison} that says where the message must end up.
 */
public final class SoakProducer {
  /** One acknowledged message. */
  public record Sent(long seq, int hour) {
    boolean poison() {
      return seq < 0;
    }
  }

  private final KafkaFixture kafka;
  private final String topic;
  private int partitions;
  private final Map<Integer, Long> nextSeq = new TreeMap<>();
  private final Map<Integer, Map<Long, Sent>> sent = new TreeMap<>();
  private final List<Poison> poisons = new ArrayList<>();

  public SoakProducer(KafkaFixture kafka, String topic, int partitions) {
    this.kafka = kafka;
    this.topic = topic;
    this.partitions = partitions;
  }

  /** Sends {@code count} messages with event times spread evenly over {@code [from, to)}; waits for the acks. */
  public void send(int partition, int count, int hour, Instant from, Instant to) {
    long stepMs = count == 0 ? 0 : Duration.between(from, to).toMillis() / count;
    List<Future<RecordMetadata>> acks = new ArrayList<>(count);
    List<Long> seqs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long seq = nextSeq.merge(partition, 1L, Long::sum) - 1;
      seqs.add(seq);
      acks.add(kafka.produce(topic, partition, from.toEpochMilli() + i * stepMs,
          ("k" + seq).getBytes(StandardCharsets.UTF_8), payload(seq)));
    }
    kafka.flush();
    for (int i = 0; i < count; i++) {
      sent.computeIfAbsent(partition, p -> new TreeMap<>()).put(offsetOf(acks.get(i)), new Sent(seqs.get(i), hour));
    }
  }

  /**
   * Sends one poison message through {@code producer} (one allowed to send large requests) and
   * records what the warehouse must hold for it; returns its offset.
   */
  public long sendPoison(KafkaProducer<byte[], byte[]> producer, int partition, int hour, Long timestampMs,
      byte[] value, Poison.Fate fate, String kind) {
    Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic, partition, timestampMs,
        "poison".getBytes(StandardCharsets.UTF_8), value));
    long offset = offsetOf(ack);
    poisons.add(Poison.of(kind, fate, value));
    sent.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, new Sent(-poisons.size(), hour));
    return offset;
  }

  /** The poison message a negative sequence number stands for. */
  Poison poison(long seq) {
    return poisons.get((int) (-seq - 1));
  }

  /** Per partition, offset → what was sent there. */
  public Map<Integer, Map<Long, Sent>> sent() {
    return sent;
  }

  public String topic() {
    return topic;
  }

  /** How many partitions the topic has now (it can grow during the soak). */
  public int partitions() {
    return partitions;
  }

  void partitionsAdded(int newCount) {
    partitions = newCount;
  }

  public static byte[] payload(long seq) {
    return ("seq=" + seq).getBytes(StandardCharsets.UTF_8);
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
