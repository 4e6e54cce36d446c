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
 * Poison messages of every kind between good ones in one partition: bytes no decoder would accept,
 * a tombstone, an empty value, a value close to the broker's limit, and event times far in the
 * future, at the end of time and at the epoch. On the raw-envelope topic every value lands as it
 * is (tombstones too, its default policy); the out-of-window times go to the error file (the
 * default {@code event.time.out.of.window=error}). No task may fail; the independent check finds
 * each one where it belongs.
 */
final class PoisonMessageWriter implements FaultInjector {
  /** Close to the topic's max.message.bytes, which this fault raises to {@link #MAX_MESSAGE}. */
  static final int HUGE = 5 * 1024 * 1024;
  private static final int MAX_MESSAGE = HUGE + 64 * 1024;
  private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli();

  @Override
  public FaultClass faultClass() {
    return FaultClass.POISON_MESSAGES;
  }

  @Override
  public void inject(SimulatedHour hour) throws Exception {
    String topic = hour.scenario.raw;
    allowHugeAndFutureMessages(hour, topic);
    int partition = hour.random.nextInt(hour.partitions());
    long ahead = hour.now.plus(30, ChronoUnit.DAYS).toEpochMilli();
    Random bytes = new Random(hour.random.nextLong());
    try (KafkaProducer<byte[], byte[]> producer = bigProducer(hour)) {
      refuseNegativeTimestamp(hour, producer, topic, partition);
      long inHour = hour.now.minus(10, ChronoUnit.MINUTES).toEpochMilli();
      poison(hour, producer, partition, inHour, undecodable(bytes, 300), Fate.LANDED, "undecodable bytes");
      poison(hour, producer, partition, inHour, null, Fate.LANDED, "tombstone");
      goodOnes(hour, partition);
      poison(hour, producer, partition, inHour, new byte[0], Fate.LANDED, "empty value");
      poison(hour, producer, partition, Long.MAX_VALUE - 1, bytes("end of time"), Fate.ERROR_FILE,
          "event time near Long.MAX_VALUE");
      poison(hour, producer, partition, YEAR_10000, bytes("year 10000"), Fate.ERROR_FILE, "event time in year 10000");
      goodOnes(hour, partition);
      poison(hour, producer, partition, ahead, bytes("30 days ahead"), Fate.ERROR_FILE, "event time 30 days ahead");
      poison(hour, producer, partition, 0L, bytes("epoch"), Fate.ERROR_FILE, "event time at the epoch (1970)");
      poison(hour, producer, partition, inHour, undecodable(bytes, HUGE), Fate.LANDED, "value near the broker's limit");
      goodOnes(hour, partition);
    }
    hour.markInjected();
    hour.runAndMerge();
  }

  private static void poison(SimulatedHour hour, KafkaProducer<byte[], byte[]> producer, int partition, long timestamp,
      byte[] value, Fate fate, String kind) {
    long offset = hour.producer.sendPoison(producer, partition, hour.index, timestamp, value, fate, kind);
    hour.log.line("poison: " + kind + " at " + partition + "/" + offset + " (expected: " + fate + ")");
  }

  private static void goodOnes(SimulatedHour hour, int partition) {
    hour.producer.send(partition, 3, hour.index, hour.now.minus(9, ChronoUnit.MINUTES), hour.now.minus(8, ChronoUnit.MINUTES));
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

  private static byte[] undecodable(Random random, int size) {
    byte[] value = new byte[size];
    random.nextBytes(value);
    value[0] = '#';
    return value;
  }

  private static byte[] bytes(String s) {
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
