package org.kafkaetl.it.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.decode.Decoders;
import org.kafkaetl.core.decode.KafkaMessage;
import org.kafkaetl.core.decode.MessageDecoder;
import org.kafkaetl.mapreduce.land.RangeLander;

/**
 * The map task's work without Kafka and without Hadoop: the real {@link RangeLander} and decoder
 * landing messages already in memory into a local Avro file, on one thread. What this reaches is
 * the ceiling of the job's rate with one mapper on this machine; the gap between it and the job
 * is reading from Kafka plus the job's own overhead.
 */
final class LandingCeiling {
  private LandingCeiling() {}

  /** Messages like the topic's, generated with the benchmark's data. */
  static List<KafkaMessage> messages(BenchData.Format format, int count, long eventTime) {
    BenchData data = new BenchData(8);
    List<KafkaMessage> messages = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ProducerRecord<byte[], byte[]> r = data.message(format, "ceiling", 0, eventTime);
      messages.add(new KafkaMessage("ceiling", 0, i, eventTime, r.key(), r.value(), List.of()));
    }
    return messages;
  }

  /** Seconds to land all messages as one event with the given codec, best of {@code rounds}. */
  static double seconds(BenchData.Format format, Path schema, List<KafkaMessage> messages, CodecChoice codec, Path dir,
      int rounds) throws IOException {
    return seconds(format, schema, messages, codec, dir, rounds, false);
  }

  /**
   * The same, optionally with a record built and written per message even where the decoder could
   * write it straight from the message (raw envelopes): what landing cost before it could.
   */
  static double seconds(BenchData.Format format, Path schema, List<KafkaMessage> messages, CodecChoice codec, Path dir,
      int rounds, boolean recordPerMessage) throws IOException {
    Map<String, String> props = new HashMap<>();
    props.put("kafka.bootstrap.servers", "unused:9092");
    props.put("db.url", "jdbc:mysql://unused/x");
    props.put("db.user", "unused");
    props.put("etl.topics", "ceiling");
    props.put("topic.ceiling.format", format.configName);
    if (format != BenchData.Format.RAW) {
      props.put("topic.ceiling.schema", schema.toString());
      props.put("topic.ceiling.timestamp.field", "event_time");
    }
    EtlConfig config = EtlConfig.parse(props);
    MessageDecoder topicDecoder = Decoders.create(config.topic("ceiling").orElseThrow(),
        format == BenchData.Format.RAW ? null : BenchData.CLICK);
    MessageDecoder decoder = recordPerMessage ? new MessageDecoder() {
      @Override
      public org.apache.avro.Schema schema() {
        return topicDecoder.schema();
      }

      @Override
      public org.apache.avro.generic.GenericRecord decode(KafkaMessage message) {
        return topicDecoder.decode(message);
      }

      @Override
      public long eventTimeMillis(org.apache.avro.generic.GenericRecord decoded, KafkaMessage message) {
        return topicDecoder.eventTimeMillis(decoded, message);
      }
    } : topicDecoder;
    KafkaEvent event = new KafkaEvent(TopicPartition.of("ceiling", 0), new OffsetRange(0, messages.size()));
    double best = Double.MAX_VALUE;
    for (int round = 0; round < rounds; round++) {
      RangeLander lander = new RangeLander(topic -> decoder, topic -> config.topic(topic).orElseThrow(),
          org.kafkaetl.core.HourPartition.containing(java.time.Instant.now(), ZoneOffset.UTC),
          relative -> create(dir.resolve(relative)), ZoneOffset.UTC, codec.codecFactory(), config.maxOpenDateFiles());
      long start = System.nanoTime();
      lander.begin(event);
      for (KafkaMessage m : messages) {
        lander.accept(m);
      }
      lander.finish(messages.size(), null, List.of());
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
    }
    EtlRuns.deleteRecursively(dir);
    return best;
  }

  private static OutputStream create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
  }
}
