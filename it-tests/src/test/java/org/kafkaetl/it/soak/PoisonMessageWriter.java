package org.kafkaetl.it.soak;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.kafkaetl.it.soak.Poison.Fate;

/**
 * Poison messages of every kind between good ones in one partition of every soaked topic: bytes no
 * decoder would accept, a tombstone, an empty value, a value close to the broker's limit, and event
 * times far in the future, at the end of time and at the epoch. On the raw-envelope topic every value
 * lands as it is (tombstones too, its default policy) and the out-of-window Kafka times go to the
 * error file (the default {@code event.time.out.of.window=error}). On JSON and Avro topics every
 * undecodable value goes to the error file (within the range's decode-error budget), tombstones are
 * skipped (their default policy), and records whose own event-time field is out of the window —
 * down to ±Long.MAX_VALUE and an ISO date past the year 292,278,994 — go to the error file. No task
 * may fail; the independent check finds each one where it belongs.
 */
final class PoisonMessageWriter implements FaultInjector {
  /** Close to the topic's max.message.bytes, which this fault raises to {@link #MAX_MESSAGE}. */
  static final int HUGE = 5 * 1024 * 1024;
  private static final int MAX_MESSAGE = HUGE + 64 * 1024;
  private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli();

  /** An event time a record's own field can carry: as epoch milliseconds (JSON) and as ISO text (Avro). */
  private record EventTime(String kind, long millis, String iso) {
    static EventTime of(String kind, long millis) {
      return new EventTime(kind, millis, Instant.ofEpochMilli(millis).toString());
    }
  }

  @Override
  public FaultClass faultClass() {
    return FaultClass.POISON_MESSAGES;
  }

  @Override
  public void inject(SimulatedHour hour) throws Exception {
    for (SoakProducer producer : hour.producers) {
      String topic = producer.topic();
      allowHugeAndFutureMessages(hour, topic);
      int partition = hour.random.nextInt(producer.partitions());
      Random bytes = new Random(hour.random.nextLong());
      try (KafkaProducer<byte[], byte[]> big = bigProducer(hour)) {
        Poisoner poisoner = new Poisoner(hour, producer, big, partition);
        if (producer.format() == SoakFormat.RAW) {
          refuseNegativeTimestamp(hour, big, topic, partition);
          raw(hour, poisoner, bytes);
        } else {
          decoded(hour, poisoner, bytes);
        }
      }
    }
    hour.markInjected();
    hour.runAndMerge();
  }

  private static void raw(SimulatedHour hour, Poisoner to, Random bytes) {
    long inHour = hour.now.minus(10, ChronoUnit.MINUTES).toEpochMilli();
    long ahead = hour.now.plus(30, ChronoUnit.DAYS).toEpochMilli();
    to.poison(inHour, undecodable(bytes, 300), Fate.LANDED, "undecodable bytes");
    to.poison(inHour, null, Fate.LANDED, "tombstone");
    to.goodOnes();
    to.poison(inHour, new byte[0], Fate.LANDED, "empty value");
    to.poison(Long.MAX_VALUE - 1, bytes("end of time"), Fate.ERROR_FILE, "event time near Long.MAX_VALUE");
    to.poison(YEAR_10000, bytes("year 10000"), Fate.ERROR_FILE, "event time in year 10000");
    to.goodOnes();
    to.poison(ahead, bytes("30 days ahead"), Fate.ERROR_FILE, "event time 30 days ahead");
    to.poison(0L, bytes("epoch"), Fate.ERROR_FILE, "event time at the epoch (1970)");
    to.poison(inHour, undecodable(bytes, HUGE), Fate.LANDED, "value near the broker's limit");
    to.goodOnes();
  }

  /** JSON and Avro: what cannot be decoded, and event-time fields no date can hold or the window refuses. */
  private static void decoded(SimulatedHour hour, Poisoner to, Random bytes) {
    long inHour = hour.now.minus(10, ChronoUnit.MINUTES).toEpochMilli();
    SoakFormat format = to.producer.format();
    to.poison(inHour, format.undecodable(bytes, 300), Fate.ERROR_FILE, "undecodable bytes");
    to.poison(inHour, null, Fate.SKIPPED, "tombstone");
    to.goodOnes();
    to.poison(inHour, new byte[0], Fate.ERROR_FILE, "empty value");
    List<EventTime> times = List.of(
        EventTime.of("event time near Long.MAX_VALUE", Long.MAX_VALUE - 1),
        EventTime.of("event time near Long.MIN_VALUE", Long.MIN_VALUE + 1),
        EventTime.of("event time in year 10000", YEAR_10000),
        EventTime.of("event time 30 days ahead", hour.now.plus(30, ChronoUnit.DAYS).toEpochMilli()),
        EventTime.of("event time at the epoch (1970)", 0L),
        new EventTime("event time past the year 292,278,994", Long.MAX_VALUE, Instant.MAX.toString()));
    for (EventTime t : times) {
      to.poison(inHour, format.withEventTime(t.millis(), t.iso()), Fate.ERROR_FILE, t.kind());
      if (t.millis() == 0L) {
        to.goodOnes();
      }
    }
    to.poison(inHour, format.undecodable(bytes, HUGE), Fate.ERROR_FILE, "value near the broker's limit");
    to.goodOnes();
  }

  /** Poison and good messages into one partition of one topic. */
  private record Poisoner(SimulatedHour hour, SoakProducer producer, KafkaProducer<byte[], byte[]> big, int partition) {
    void poison(long timestamp, byte[] value, Fate fate, String kind) {
      long offset = producer.sendPoison(big, partition, hour.index, timestamp, value, fate, kind);
      hour.log.line("poison: " + kind + " at " + producer.topic() + " " + partition + "/" + offset
          + " (expected: " + fate + ")");
    }

    void goodOnes() {
      producer.send(partition, 3, hour.index, hour.now.minus(9, ChronoUnit.MINUTES), hour.now.minus(8, ChronoUnit.MINUTES));
    }
  }

  /** A negative event time cannot be written with the Java client at all: it refuses before sending. */
  private static void refuseNegativeTimestamp(SimulatedHour hour, KafkaProducer<byte[], byte[]> producer, String topic,
      int partition) {
    try {
      producer.send(new ProducerRecord<>(topic, partition, -5L, null, bytes("negative")));
      throw new IllegalStateException("Kafka's producer accepted a negative timestamp: the soak must record it");
    } catch (IllegalArgumentException expected) {
      hour.log.line("poison: a negative event time is refused by the producer (" + expected.getMessage() + ")");
    }
  }

  static byte[] undecodable(Random random, int size) {
    byte[] value = new byte[size];
    random.nextBytes(value);
    value[0] = '#';
    return value;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Kafka 4 refuses times more than an hour ahead, and messages over 1 MB, by default. */
  private static void allowHugeAndFutureMessages(SimulatedHour hour, String topic) throws Exception {
    Map<ConfigResource, Collection<AlterConfigOp>> ops = Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
        List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", String.valueOf(MAX_MESSAGE)),
                AlterConfigOp.OpType.SET),
            new AlterConfigOp(new ConfigEntry("message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE)),
                AlterConfigOp.OpType.SET)));
    hour.env.kafka().admin().incrementalAlterConfigs(ops).all().get(60, TimeUnit.SECONDS);
  }

  private static KafkaProducer<byte[], byte[]> bigProducer(SimulatedHour hour) {
    Properties p = hour.env.kafka().producerProperties();
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * MAX_MESSAGE);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
