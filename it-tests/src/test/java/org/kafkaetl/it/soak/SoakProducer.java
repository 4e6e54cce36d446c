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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.kafkaetl.it.fixtures.KafkaFixture;

/**
 * Writes sequence-numbered messages ("seq=N") and keeps its own record of what Kafka acknowledged:
 * per partition, offset → (sequence number, hour it was written in). That record, not the ETL's
 * tables, is what the independent check compares the warehouse with.
 */
public final class SoakProducer {
  /** One acknowledged message. */
  public record Sent(long seq, int hour) {}

  private final KafkaFixture kafka;
  private final String topic;
  private final Map<Integer, Long> nextSeq = new TreeMap<>();
  private final Map<Integer, Map<Long, Sent>> sent = new TreeMap<>();

  public SoakProducer(KafkaFixture kafka, String topic) {
    this.kafka = kafka;
    this.topic = topic;
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

  /** Per partition, offset → what was sent there. */
  public Map<Integer, Map<Long, Sent>> sent() {
    return sent;
  }

  public String topic() {
    return topic;
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
