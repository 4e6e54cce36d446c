package org.kafkaetl.mapreduce.job;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.avro.file.CodecFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.MessageFormat;
import org.kafkaetl.core.config.TopicConfig;
import org.kafkaetl.core.decode.EnvelopeDecoder;
import org.kafkaetl.core.decode.KafkaMessage;
import org.kafkaetl.mapreduce.kafka.ConsumerSettings;
import org.kafkaetl.mapreduce.kafka.KafkaRangeReader;
import org.kafkaetl.mapreduce.land.RangeLander;

/**
 * The benchmark's look at {@link ReadAhead} (in its package, which it needs): a map task's reading
 * and landing of a raw topic without Hadoop, once with reading on the landing thread and once
 * through the read-ahead thread, so the overlap's worth is measured side by side, not assumed.
 */
public final class ReadAheadBench {
  private ReadAheadBench() {}

  /** Seconds to read every partition of {@code topic} to its end and land it as a map task would. */
  public static double seconds(String bootstrapServers, String topic, int partitions, CodecFactory codec, Path dir,
      boolean readAhead) throws IOException, InterruptedException {
    Map<String, Object> props = new HashMap<>(ConsumerSettings.forReading(Map.of(), "bench-read-ahead"));
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    TopicConfig raw = new TopicConfig(topic, MessageFormat.RAW, Optional.empty(), Optional.empty(),
        OptionalLong.empty(), 1.0, 0);
    RangeLander lander = new RangeLander(t -> new EnvelopeDecoder(), t -> raw,
        HourPartition.containing(Instant.now(), ZoneOffset.UTC), relative -> create(dir.resolve(relative)),
        ZoneOffset.UTC, codec);
    long start = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<org.apache.kafka.common.TopicPartition> tps = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        tps.add(new org.apache.kafka.common.TopicPartition(topic, p));
      }
      List<KafkaEvent> events = new ArrayList<>();
      consumer.endOffsets(tps, Duration.ofSeconds(30)).forEach((tp, end) ->
          events.add(new KafkaEvent(TopicPartition.of(topic, tp.partition()), new OffsetRange(0, end))));
      KafkaRangeReader reader = new KafkaRangeReader(consumer, Clock.systemUTC(), Duration.ofSeconds(1),
          Duration.ofMinutes(2));
      Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
      if (readAhead) {
        throughReadAhead(new ReadAhead(reader, events, Map.of(), deadline, consumer::wakeup, "bench"), lander);
      } else {
        for (KafkaEvent event : events) {
          reader.start(event, deadline);
          lander.begin(event);
          for (KafkaMessage m = reader.next(); m != null; m = reader.next()) {
            lander.accept(m);
          }
          lander.finish(reader.reached(), reader.stopReason(), reader.lost());
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    return seconds;
  }

  private static void throughReadAhead(ReadAhead readAhead, RangeLander lander) throws IOException,
      InterruptedException {
    readAhead.start();
    try {
      KafkaEvent open = null;
      for (ReadAhead.Item item = readAhead.next(); item != null; item = readAhead.next()) {
        if (!item.event().equals(open)) {
          open = item.event();
          lander.begin(open);
        }
        if (item.item() instanceof ReadItem.Messages batch) {
          for (KafkaMessage m : batch.messages()) {
            lander.accept(m);
          }
        } else if (item.item() instanceof ReadItem.RangeEnd end) {
          lander.finish(end.reached(), end.stopReason(), end.lost());
          open = null;
        }
      }
    } finally {
      readAhead.close();
    }
  }

  private static OutputStream create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
  }
}
