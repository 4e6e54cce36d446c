package org.kafkaetl.mapreduce.land;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EventTimeWindow;
import org.kafkaetl.core.config.MessageFormat;
import org.kafkaetl.core.config.OutOfWindowPolicy;
import org.kafkaetl.core.config.TombstonePolicy;
import org.kafkaetl.core.config.TopicConfig;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReportCodec;
import org.kafkaetl.core.decode.EnvelopeDecoder;
import org.kafkaetl.core.decode.KafkaMessage;
import org.kafkaetl.core.decode.MessageDecoder;

class RangeLanderTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** Run hour 2026-11-20 10:00 in Shanghai; the window reaches back ten years and one day ahead. */
  private static final HourPartition HOUR = HourPartition.parse("2026112010");
  private static final KafkaEvent EVENT = new KafkaEvent(TopicPartition.of("logs", 2), new OffsetRange(10, 14));

  @TempDir
  Path dir;

  @Test
  void routesRecordsByEventDateAndUndecodableOnesToTheErrorFile() throws IOException {
    RangeLander lander = lander(OutOfWindowPolicy.ERROR, TombstonePolicy.SKIP);
    lander.begin(EVENT);
    // 2026-11-20T15:59:59Z is 23:59:59 on the 20th in Shanghai; one second later is the 21st there.
    lander.accept(message(10, String.valueOf(Instant.parse("2026-11-20T15:59:59Z").toEpochMilli())));
    lander.accept(message(11, String.valueOf(Instant.parse("2026-11-20T16:00:00Z").toEpochMilli())));
    lander.accept(message(12, "not-a-number"));
    lander.accept(message(13, String.valueOf(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli())));
    RangeReport report = lander.finish(14, null, List.of());

    assertThat(report.records()).isEqualTo(3);
    assertThat(report.decodeErrors()).isEqualTo(1);
    assertThat(report.readToEnd()).isTrue();
    assertThat(report.dates()).containsExactly("2026-11-20", "2026-11-21");
    assertThat(report.recordsByDate()).containsEntry("2026-11-20", 2L).containsEntry("2026-11-21", 1L);
    assertThat(offsets("logs/2026-11-20/logs.2.10-14.avro")).containsExactly(10L, 13L);
    assertThat(offsets("logs/2026-11-21/logs.2.10-14.avro")).containsExactly(11L);
    List<GenericRecord> errors = read("logs/_errors/logs.2.10-14.errors.avro");
    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.get("offset")).isEqualTo(12L);
      assertThat(e.get("reason").toString()).contains("not a number");
    });
    try (InputStream in = Files.newInputStream(dir.resolve("_reports/logs.2.10-14.json"))) {
      assertThat(ReportCodec.decode(in)).isEqualTo(report);
    }
  }

  @Test
  void theReportGivesEachFilesLengthAndRecords() throws IOException {
    TopicConfig wideWindow = new TopicConfig("logs", MessageFormat.JSON, Optional.of("logs.avsc"), Optional.empty(),
        OptionalLong.empty(), 1.0, 0, new EventTimeWindow(Duration.ofDays(3650), Duration.ofDays(2),
            OutOfWindowPolicy.ERROR), TombstonePolicy.SKIP);
    RangeLander lander = new RangeLander(topic -> new EpochValueDecoder(), topic -> wideWindow, HOUR, this::create,
        ZONE, CodecFactory.deflateCodec(6), 32);
    lander.begin(EVENT);
    lander.accept(message(10, String.valueOf(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli())));
    lander.accept(message(11, "not-a-number"));
    lander.accept(message(12, String.valueOf(Instant.parse("2026-11-21T10:00:00Z").toEpochMilli())));
    lander.accept(message(13, String.valueOf(Instant.parse("2026-11-20T11:00:00Z").toEpochMilli())));
    RangeReport report = lander.finish(14, null, List.of());

    assertThat(report.files()).extracting(f -> f.path(), f -> f.records()).containsExactly(
        org.assertj.core.groups.Tuple.tuple("logs/2026-11-20/logs.2.10-14.avro", 2L),
        org.assertj.core.groups.Tuple.tuple("logs/2026-11-21/logs.2.10-14.avro", 1L),
        org.assertj.core.groups.Tuple.tuple("logs/_errors/logs.2.10-14.errors.avro", 1L));
    for (var file : report.files()) {
      assertThat(file.bytes()).as(file.path()).isEqualTo(Files.size(dir.resolve(file.path())));
    }
    try (InputStream in = Files.newInputStream(dir.resolve("_reports/logs.2.10-14.json"))) {
      assertThat(ReportCodec.decode(in).files()).isEqualTo(report.files());
    }
  }

  @Test
  void aRangeThatStoppedEarlyReportsWhereAndWhy() throws IOException {
    RangeLander lander = lander(OutOfWindowPolicy.ERROR, TombstonePolicy.SKIP);
    lander.begin(EVENT);
    lander.accept(message(10, "0"));
    RangeReport report = lander.finish(11, "max pull time reached at offset 11", List.of());
    assertThat(report.readToEnd()).isFalse();
    assertThat(report.reached()).isEqualTo(11);
    assertThat(report.stopReason()).contains("max pull time");
  }

  @Test
  void eventTimesNoLongDateArithmeticCanHoldNeverFailTheTask() throws IOException {
    RangeLander lander = lander(OutOfWindowPolicy.ERROR, TombstonePolicy.SKIP);
    lander.begin(EVENT);
    lander.accept(message(10, String.valueOf(Long.MAX_VALUE)));
    lander.accept(message(11, String.valueOf(Long.MIN_VALUE)));
    lander.accept(message(12, String.valueOf(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli())));
    lander.accept(message(13, String.valueOf(Long.MAX_VALUE - 1)));
    RangeReport report = lander.finish(14, null, List.of());

    assertThat(report.readToEnd()).isTrue();
    assertThat(report.recordsByDate()).containsOnlyKeys("2026-11-20");
    assertThat(offsets("logs/2026-11-20/logs.2.10-14.avro")).containsExactly(12L);
    assertThat(report.outOfWindow()).isEqualTo(3);
    assertThat(report.outOfWindowErrors()).isEqualTo(3);
    assertThat(report.decodeErrors()).as("not against the decode-error budget").isZero();
    assertThat(read("logs/_errors/logs.2.10-14.errors.avro")).extracting(e -> e.get("offset"))
        .containsExactly(10L, 11L, 13L);
    assertThat(read("logs/_errors/logs.2.10-14.errors.avro")).allSatisfy(e -> assertThat(e.get("reason").toString())
        .startsWith("logs-2@").contains("outside the event-time window", "of run hour 2026112010", "out.of.window is error"));
  }

  @Test
  void aFarFutureYearNeverBecomesADateDirectoryOutsideYyyyMmDd() throws IOException {
    RangeLander lander = lander(OutOfWindowPolicy.ERROR, TombstonePolicy.SKIP);
    lander.begin(EVENT);
    lander.accept(message(10, String.valueOf(Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli())));
    lander.accept(message(11, String.valueOf(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli())));
    RangeReport report = lander.finish(12, null, List.of());

    assertThat(report.dates()).allMatch(d -> d.matches("\\d{4}-\\d{2}-\\d{2}")).containsExactly("2026-11-20");
    assertThat(read("logs/_errors/logs.2.10-14.errors.avro")).singleElement()
        .satisfies(e -> assertThat(e.get("reason").toString()).contains("+10000-01-01T00:00:00Z"));
  }

  @Test
  void kafkaTimePolicyRoutesByTheKafkaTimestampAndRejectsWhenThatIsOutsideToo() throws IOException {
    RangeLander lander = lander(OutOfWindowPolicy.KAFKA_TIME, TombstonePolicy.SKIP);
    lander.begin(EVENT);
    long kafkaTime = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    lander.accept(message(10, String.valueOf(Long.MIN_VALUE), kafkaTime));
    lander.accept(message(11, String.valueOf(Long.MAX_VALUE), Long.MAX_VALUE));
    RangeReport report = lander.finish(12, null, List.of());

    assertThat(offsets("logs/2026-11-20/logs.2.10-14.avro")).containsExactly(10L);
    assertThat(report.outOfWindow()).isEqualTo(2);
    assertThat(report.outOfWindowErrors()).isEqualTo(1);
    assertThat(read("logs/_errors/logs.2.10-14.errors.avro")).singleElement().satisfies(e -> {
      assertThat(e.get("offset")).isEqualTo(11L);
      assertThat(e.get("reason").toString()).contains("and so is its Kafka timestamp");
    });
  }

  @Test
  void quarantinePolicyLandsUnderTheQuarantineDate() throws IOException {
    RangeLander lander = lander(OutOfWindowPolicy.QUARANTINE, TombstonePolicy.SKIP);
    lander.begin(EVENT);
    lander.accept(message(10, String.valueOf(Long.MAX_VALUE)));
    lander.accept(message(11, "0"));
    lander.accept(message(12, String.valueOf(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli())));
    RangeReport report = lander.finish(13, null, List.of());

    assertThat(report.recordsByDate()).containsEntry("1970-01-01", 2L).containsEntry("2026-11-20", 1L);
    assertThat(offsets("logs/1970-01-01/logs.2.10-14.avro")).containsExactly(10L, 11L);
    assertThat(report.outOfWindow()).isEqualTo(2);
    assertThat(report.errorRecords()).isZero();
  }

  @Test
  void tombstonesAreNotDecodeErrors() throws IOException {
    RangeLander lander = lander(OutOfWindowPolicy.ERROR, TombstonePolicy.SKIP);
    lander.begin(EVENT);
    lander.accept(tombstone(10));
    lander.accept(message(11, String.valueOf(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli())));
    RangeReport report = lander.finish(12, null, List.of());

    assertThat(report.decodeErrors()).isZero();
    assertThat(report.records()).isEqualTo(1);
    assertThat(report.skippedTombstones()).isEqualTo(1);
    assertThat(dir.resolve("logs/_errors")).doesNotExist();
  }

  @Test
  void tombstonesUnderTheErrorPolicyAreDecodeErrorsAsBefore() throws IOException {
    RangeLander lander = lander(OutOfWindowPolicy.ERROR, TombstonePolicy.ERROR);
    lander.begin(EVENT);
    lander.accept(tombstone(10));
    RangeReport report = lander.finish(11, null, List.of());

    assertThat(report.decodeErrors()).isEqualTo(1);
    assertThat(report.skippedTombstones()).isZero();
    assertThat(read("logs/_errors/logs.2.10-14.errors.avro")).singleElement()
        .satisfies(e -> assertThat(e.get("reason").toString()).contains("tombstone"));
  }

  @Test
  void rawTopicsLandTombstonesInTheirEnvelopeByDefault() throws IOException {
    TopicConfig raw = new TopicConfig("logs", MessageFormat.RAW, Optional.empty(), Optional.empty(),
        OptionalLong.empty(), 1.0, 0);
    RangeLander lander = new RangeLander(topic -> new EnvelopeDecoder(), topic -> raw, HOUR, this::create, ZONE,
        CodecFactory.nullCodec(), 32);
    lander.begin(EVENT);
    lander.accept(new KafkaMessage("logs", 2, 10, Instant.parse("2026-11-20T10:00:00Z").toEpochMilli(),
        "k".getBytes(StandardCharsets.UTF_8), null, List.of()));
    RangeReport report = lander.finish(11, null, List.of());

    assertThat(report.records()).isEqualTo(1);
    assertThat(read("logs/2026-11-20/logs.2.10-14.avro")).singleElement()
        .satisfies(e -> assertThat(e.get("value")).isNull());
  }

  @Test
  void aDecoderThatBreaksOnOneMessageCostsThatMessageNotTheTask() throws IOException {
    MessageDecoder broken = new EpochValueDecoder() {
      @Override
      public GenericRecord decode(KafkaMessage m) {
        if (m.offset() == 10) {
          throw new IllegalStateException("decoder bug");
        }
        return super.decode(m);
      }
    };
    RangeLander lander = new RangeLander(topic -> broken, topic -> topic(OutOfWindowPolicy.ERROR, TombstonePolicy.SKIP),
        HOUR, this::create, ZONE, CodecFactory.nullCodec(), 32);
    lander.begin(EVENT);
    lander.accept(message(10, "1"));
    lander.accept(message(11, String.valueOf(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli())));
    RangeReport report = lander.finish(12, null, List.of());

    assertThat(report.records()).isEqualTo(1);
    assertThat(report.decodeErrors()).isEqualTo(1);
    assertThat(read("logs/_errors/logs.2.10-14.errors.avro")).singleElement()
        .satisfies(e -> assertThat(e.get("reason").toString()).contains("decoder failed", "decoder bug"));
  }

  @Test
  void aResumedReadCarriesTheEarlierReadsRecordsAndCountsIntoItsOwnFiles() throws IOException {
    long day20 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    long day21 = Instant.parse("2026-11-20T16:30:00Z").toEpochMilli();
    Path earlierDir = dir.resolve("earlier");
    RangeLander first = landerInto(earlierDir);
    first.begin(EVENT);
    first.accept(message(10, String.valueOf(day20)));
    first.accept(message(11, "garbage"));
    RangeReport earlier = first.finish(12, "no progress for 60 s at offset 12", List.of());

    RangeLander resumed = lander(OutOfWindowPolicy.ERROR, TombstonePolicy.SKIP);
    resumed.resume(EVENT, earlier, relative -> Files.newInputStream(earlierDir.resolve(relative)));
    resumed.accept(message(13, String.valueOf(day21)));
    RangeReport report = resumed.finish(14, null, List.of(new OffsetRange(12, 13)));

    assertThat(report.readToEnd()).isTrue();
    assertThat(report.records()).isEqualTo(2);
    assertThat(report.decodeErrors()).isEqualTo(1);
    assertThat(report.bytes()).isEqualTo(earlier.bytes() + String.valueOf(day21).length());
    assertThat(report.recordsByDate()).containsEntry("2026-11-20", 1L).containsEntry("2026-11-21", 1L);
    assertThat(report.lost()).as("only what Kafka deleted after the earlier read stopped").containsExactly(
        new OffsetRange(12, 13));
    assertThat(offsets("logs/2026-11-20/logs.2.10-14.avro")).containsExactly(10L);
    assertThat(offsets("logs/2026-11-21/logs.2.10-14.avro")).containsExactly(13L);
    assertThat(read("logs/_errors/logs.2.10-14.errors.avro")).extracting(e -> e.get("offset")).containsExactly(11L);
    assertThat(report.files()).extracting(f -> f.records()).containsExactly(1L, 1L, 1L);
    for (org.kafkaetl.core.coverage.LandedFile file : report.files()) {
      assertThat(Files.size(dir.resolve(file.path()))).as(file.path()).isEqualTo(file.bytes());
    }
  }

  @Test
  void aResumedReadKeepsTheEarlierReadsLossesBeforeItsOwn() throws IOException {
    Path earlierDir = dir.resolve("earlier");
    RangeLander first = landerInto(earlierDir);
    first.begin(EVENT);
    first.accept(message(11, String.valueOf(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli())));
    RangeReport earlier = first.finish(12, "max pull time reached at offset 12", List.of(new OffsetRange(10, 11)));

    RangeLander resumed = lander(OutOfWindowPolicy.ERROR, TombstonePolicy.SKIP);
    resumed.resume(EVENT, earlier, relative -> Files.newInputStream(earlierDir.resolve(relative)));
    RangeReport report = resumed.finish(14, null, List.of(new OffsetRange(12, 14)));

    assertThat(report.lost()).containsExactly(new OffsetRange(10, 11), new OffsetRange(12, 14));
    assertThat(report.records()).isEqualTo(1);
    assertThat(offsets("logs/2026-11-20/logs.2.10-14.avro")).containsExactly(11L);
  }

  @Test
  void theReportNamesTheOffsetOfEveryRecordAndEveryOffsetWithoutOne() throws IOException {
    KafkaEvent event = new KafkaEvent(TopicPartition.of("logs", 2), new OffsetRange(10, 20));
    long day20 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    long day21 = Instant.parse("2026-11-20T16:30:00Z").toEpochMilli();
    RangeLander lander = lander(OutOfWindowPolicy.ERROR, TombstonePolicy.SKIP);
    lander.begin(event);
    lander.accept(message(10, String.valueOf(day20)));
    lander.accept(message(11, String.valueOf(day21)));
    lander.accept(message(12, String.valueOf(day20)));
    lander.accept(tombstone(13));
    lander.accept(message(14, "garbage"));
    // 15 holds no record (a transaction marker); 16-17 were deleted before they were read
    lander.accept(message(18, String.valueOf(day20)));
    RangeReport report = lander.finish(20, null, List.of(new OffsetRange(16, 18)));

    assertThat(report.files()).extracting(f -> f.offsets()).containsExactly(
        List.of(new OffsetRange(10, 11), new OffsetRange(12, 13), new OffsetRange(18, 19)),
        List.of(new OffsetRange(11, 12)),
        List.of(new OffsetRange(14, 15)));
    assertThat(report.offsets().skipped()).containsExactly(new OffsetRange(13, 14));
    assertThat(report.offsets().noRecord()).as("a marker, and the end the reader passed")
        .containsExactly(new OffsetRange(15, 16), new OffsetRange(19, 20));
    try (InputStream in = Files.newInputStream(dir.resolve("_reports/logs.2.10-20.json"))) {
      assertThat(ReportCodec.decode(in)).isEqualTo(report);
    }
  }

  @Test
  void aResumedReadNamesTheCarriedRecordsOffsetsFirst() throws IOException {
    long day20 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    Path earlierDir = dir.resolve("earlier");
    RangeLander first = landerInto(earlierDir);
    first.begin(EVENT);
    first.accept(message(10, String.valueOf(day20)));
    first.accept(tombstone(11));
    RangeReport earlier = first.finish(12, "no progress for 60 s at offset 12", List.of());

    RangeLander resumed = lander(OutOfWindowPolicy.ERROR, TombstonePolicy.SKIP);
    resumed.resume(EVENT, earlier, relative -> Files.newInputStream(earlierDir.resolve(relative)));
    resumed.accept(message(13, String.valueOf(day20)));
    RangeReport report = resumed.finish(14, null, List.of());

    assertThat(report.files()).singleElement().satisfies(f -> assertThat(f.offsets())
        .containsExactly(new OffsetRange(10, 11), new OffsetRange(13, 14)));
    assertThat(report.offsets().skipped()).containsExactly(new OffsetRange(11, 12));
    assertThat(report.offsets().noRecord()).containsExactly(new OffsetRange(12, 13));
    assertThat(report.accountedOffsets()).hasValueSatisfying(o -> assertThat(o.count()).isEqualTo(3));
  }

  @Test
  void aReadWhoseOffsetsBreakIntoTooManyIntervalsGivesThemUpToKeepItsReportSmall() throws IOException {
    KafkaEvent event = new KafkaEvent(TopicPartition.of("logs", 2), new OffsetRange(0, 30_000));
    RangeLander lander = lander(OutOfWindowPolicy.ERROR, TombstonePolicy.SKIP);
    lander.begin(event);
    String day20 = String.valueOf(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli());
    // every other offset: a commit marker after each message of a transactional producer
    for (long o = 0; o < 2 * (OffsetTrail.MAX_INTERVALS + 1); o += 2) {
      lander.accept(message(o, day20));
    }
    RangeReport report = lander.finish(2 * (OffsetTrail.MAX_INTERVALS + 1), null, List.of());

    assertThat(report.records()).isEqualTo(OffsetTrail.MAX_INTERVALS + 1);
    assertThat(report.offsets().known()).isFalse();
    assertThat(Files.size(dir.resolve("_reports/logs.2.0-30000.json"))).isLessThan(2_000);
  }

  @Test
  void aMessageOutOfOrderGivesUpTheReadsOffsetsNotTheTask() throws IOException {
    RangeLander lander = lander(OutOfWindowPolicy.ERROR, TombstonePolicy.SKIP);
    lander.begin(EVENT);
    long day20 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
    lander.accept(message(12, String.valueOf(day20)));
    lander.accept(message(11, String.valueOf(day20)));
    RangeReport report = lander.finish(14, null, List.of());

    assertThat(report.records()).isEqualTo(2);
    assertThat(report.offsets().known()).isFalse();
    assertThat(report.accountedOffsets()).isEmpty();
  }

  /** A lander writing under {@code into}, as an earlier read did. */
  private static RangeLander landerInto(Path into) {
    return new RangeLander(topic -> new EpochValueDecoder(), topic -> topic(OutOfWindowPolicy.ERROR,
        TombstonePolicy.SKIP), HOUR, relative -> create(into, relative), ZONE, CodecFactory.nullCodec(), 32);
  }

  private RangeLander lander(OutOfWindowPolicy policy, TombstonePolicy tombstones) {
    return new RangeLander(topic -> new EpochValueDecoder(), topic -> topic(policy, tombstones), HOUR, this::create,
        ZONE, CodecFactory.nullCodec(), 32);
  }

  private static TopicConfig topic(OutOfWindowPolicy policy, TombstonePolicy tombstones) {
    return new TopicConfig("logs", MessageFormat.JSON, Optional.of("logs.avsc"), Optional.empty(), OptionalLong.empty(),
        1.0, 0, new EventTimeWindow(Duration.ofDays(3650), Duration.ofDays(1), policy), tombstones);
  }

  private static KafkaMessage tombstone(long offset) {
    return new KafkaMessage("logs", 2, offset, 0L, "k".getBytes(StandardCharsets.UTF_8), null, List.of());
  }

  private OutputStream create(String relative) throws IOException {
    return create(dir, relative);
  }

  private static OutputStream create(Path dir, String relative) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.newOutputStream(file);
  }

  private List<Long> offsets(String relative) throws IOException {
    return read(relative).stream().map(r -> (Long) r.get("offset")).toList();
  }

  private List<GenericRecord> read(String relative) throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(dir.resolve(relative).toFile(), new GenericDatumReader<>())) {
      reader.forEach(records::add);
    }
    return records;
  }

  private static KafkaMessage message(long offset, String value) {
    return message(offset, value, 0L);
  }

  private static KafkaMessage message(long offset, String value, long kafkaTimestamp) {
    return new KafkaMessage("logs", 2, offset, kafkaTimestamp, null, value.getBytes(StandardCharsets.UTF_8), List.of());
  }
}
