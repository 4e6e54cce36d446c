package org.kafkaetl.mapreduce.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.CodecFactory;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.coverage.CommittedReports;
import org.kafkaetl.core.decode.KafkaMessage;
import org.kafkaetl.mapreduce.land.EpochValueDecoder;
import org.kafkaetl.mapreduce.land.RangeLander;

/** One range of one hour, read and committed the way a map task does, for the tests of re-reads. */
final class EarlierReadFixture {
  static final HourPartition HOUR = HourPartition.parse("2026112103");
  static final KafkaEvent EVENT = new KafkaEvent(TopicPartition.of("logs", 0), new OffsetRange(0, 10));
  static final long EVENT_TIME = Instant.parse("2026-11-21T03:10:00Z").toEpochMilli();

  private EarlierReadFixture() {}

  /** The committed reports of the hour, as the driver reads them. */
  static CommittedReports read(FileSystem fs, Path hourDir) {
    try {
      return CommittedOutput.read(fs, hourDir, List.of(EVENT));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Folds the range's loose report into its topic's index by hand (as a fold leaves it: the entry,
   * no loose file).
   */
  static void fold(FileSystem fs, Path hourDir) throws IOException {
    org.kafkaetl.core.coverage.RangeReport report = new org.kafkaetl.hdfs.HourReports(fs, hourDir).read(EVENT)
        .orElseThrow();
    try (var out = fs.create(new Path(hourDir, org.kafkaetl.core.layout.WorkLayout.topicIndexFile(EVENT.topic())))) {
      out.write(org.kafkaetl.hdfs.TopicIndex.EMPTY.with(report).encode());
    }
    fs.delete(new Path(hourDir, org.kafkaetl.core.layout.WorkLayout.reportFile(EVENT)), false);
  }

  /** Lands a read of the event that reached {@code reached} (offset 1 undecodable) into dir. */
  static void land(FileSystem fs, Path dir, int reached, String stopReason) throws IOException {
    RangeLander lander = new RangeLander(topic -> new EpochValueDecoder(), topic -> EtlConfig.parse(Map.of(
        "kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:mysql://db/etl", "db.user", "etl", "etl.topics", "logs",
        "topic.logs.max.decode.errors", "5")).topic("logs").orElseThrow(), HOUR,
        relative -> fs.create(new Path(dir, relative), true), ZoneOffset.UTC, CodecFactory.nullCodec(), 32);
    lander.begin(EVENT);
    for (int offset = 0; offset < reached; offset++) {
      String value = offset == 1 ? "garbage" : String.valueOf(EVENT_TIME);
      lander.accept(new KafkaMessage("logs", 0, offset, EVENT_TIME, null, value.getBytes(StandardCharsets.UTF_8),
          List.of()));
    }
    lander.finish(reached, stopReason, List.of());
  }
}
