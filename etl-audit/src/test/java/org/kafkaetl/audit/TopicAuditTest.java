package org.kafkaetl.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.mapred.FsInput;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.audit.AuditReport;
import org.kafkaetl.core.audit.AuditWindow;
import org.kafkaetl.core.audit.Finding;
import org.kafkaetl.core.audit.LedgerRow;
import org.kafkaetl.core.audit.RangeRow;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.decode.EnvelopeDecoder;
import org.kafkaetl.core.offsets.RangeState;

/**
 * The audit on local files written like the job and the merge write them: clean when every offset
 * is there once, and each kind of damage found and named.
 */
class TopicAuditTest {
  private static final AuditWindow DAY = AuditWindow.day(LocalWarehouse.DATE);

  @TempDir
  java.nio.file.Path tmp;

  private LocalWarehouse w;
  private LocalWarehouse.Landed middle;

  @BeforeEach
  void landThreeRangesInTwoHoursAndMerge() throws IOException {
    w = new LocalWarehouse(tmp);
    w.land("2026112103", 0, 40);
    middle = w.land("2026112104", 40, 70);
    w.land("2026112104", 70, 100);
    w.merge();
  }

  @Test
  void aDayLandedAndMergedOnceIsClean() {
    AuditReport report = audit(DAY);
    assertThat(report.clean()).as(report.render()).isTrue();
    assertThat(report.render()).containsPattern("\\n\\s+0\\s+3\\s+100\\s+100\\s+0\\s+0\\s+0\\s+0\\s+0\\s+100\\s+ok\\n")
        .endsWith("audit t 2026-11-21: CLEAN\n");
  }

  @Test
  void anHourReadsOnlyItsHourlyFilesInTheDailyFile() {
    AuditReport report = audit(AuditWindow.hours(HourPartition.parse("2026112104"), HourPartition.parse("2026112104")));
    assertThat(report.clean()).as(report.render()).isTrue();
    assertThat(report.render()).as("60 records of hour 04 read from the daily file")
        .containsPattern("\\s+0\\s+2\\s+60\\s+60\\s+0\\s+0\\s+0\\s+0\\s+0\\s+60\\s+ok");
  }

  @Test
  void aRecordCopiedIntoTheDailyFileIsFound() throws IOException {
    appendToDailyFile(LocalWarehouse.envelope(0, 5));
    AuditReport report = audit(DAY);
    assertThat(report.findings()).extracting(Finding::kind).contains(Finding.Kind.DAILY_BYTES, Finding.Kind.DAILY_ORDER);
    assertThat(report.render()).contains(w.dailyFile().toString(), "offset 5 repeats", "1 repeated");
  }

  @Test
  void aDeletedHourlyFileLeavesItsOffsetsMissing() throws IOException {
    w.fs.delete(middle.file(), false);
    AuditReport report = audit(DAY);
    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(Finding.Kind.MISSING);
      assertThat(f.toString()).contains("range 40-70 (hour 2026112104", "t.0.40-70.avro", "offsets 40..69 (30 offsets)");
    });
  }

  @Test
  void aRowThatNoLongerMeetsTheNextOneIsAGap() {
    RangeRow tampered = new RangeRow(0, new OffsetRange(40, 69), middle.row().hour(), RangeState.COMPLETE, 29);
    w.source.rows.set(w.source.rows.indexOf(middle.row()), tampered);
    AuditReport report = audit(DAY);
    assertThat(report.findings()).extracting(Finding::kind).contains(Finding.Kind.GAP, Finding.Kind.UNEXPECTED_FILE);
    assertThat(report.render()).contains("[GAP] partition 0, etl_offsets between range 40-69", "offsets 69 (1 offset)");
  }

  @Test
  void aReportThatIsAnotherRangesIsAnUnreadableFindingNamingBoth() throws IOException {
    org.kafkaetl.core.KafkaEvent other = new org.kafkaetl.core.KafkaEvent(
        org.kafkaetl.core.TopicPartition.of(LocalWarehouse.TOPIC, 0), new OffsetRange(70, 100));
    try (FSDataOutputStream out = w.fs.create(new Path(w.workRoot + "/2026112104/_reports/t.0.40-70.json"))) {
      out.write(org.kafkaetl.core.coverage.ReportCodec.encode(new org.kafkaetl.core.coverage.RangeReport(
          other, 100, 30, 0, 0, "", Map.of(), List.of())));
    }
    assertThat(audit(DAY).findings()).singleElement().satisfies(f -> assertThat(f.toString())
        .contains("[UNREADABLE]", "report ", "t.0.40-70.json", "it is the report of t-0[70-100)"));
  }

  @Test
  void aFileNoRowExplainsIsFound() throws IOException {
    Path stray = new Path(w.workRoot + "/2026112103/t/" + LocalWarehouse.DATE + "/t.0.500-502.avro");
    w.write(stray, EnvelopeDecoder.SCHEMA, List.of(LocalWarehouse.envelope(0, 500), LocalWarehouse.envelope(0, 501)));
    assertThat(audit(DAY).findings()).singleElement().satisfies(f -> assertThat(f.toString())
        .contains("[UNEXPECTED_FILE]", "t.0.500-502.avro", "no etl_offsets row of its hour has range 500-502"));
  }

  @Test
  void aCompleteHourlyFileInNoDailyFileIsNotMerged() throws IOException {
    w.land("2026112105", 100, 110);
    assertThat(audit(DAY).findings()).singleElement().satisfies(f -> assertThat(f.toString())
        .contains("[NOT_MERGED]", "t.0.100-110.avro", "merge --topic t --date 2026-11-21"));
  }

  @Test
  void aLedgerRowThatIsNoBlockStartIsFoundWhenReadingAnHour() {
    LedgerRow row = w.source.ledger.get(1);
    w.source.ledger.set(1, new LedgerRow(row.partition(), row.range(), row.date(), row.hour(), row.hourlyPath(),
        row.dailyPath(), row.part(), row.dailyFileId(), row.byteBegin() + 3, row.byteEnd(), row.records(),
        row.rangeState()));
    AuditReport report = audit(AuditWindow.hours(HourPartition.parse("2026112104"), HourPartition.parse("2026112104")));
    assertThat(report.render()).contains("no Avro block starts at byte " + (row.byteBegin() + 3));
  }

  @Test
  void anHourlyFileWhoseRecordsDifferFromTheDailyFilesIsFound() throws IOException {
    List<GenericRecord> records = w.read(middle.file());
    records.get(3).put("value", java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
    w.write(middle.file(), EnvelopeDecoder.SCHEMA, records);
    assertThat(audit(DAY).findings()).singleElement().satisfies(f -> assertThat(f.toString())
        .contains("[DAILY_CONTENT]", "t.0.40-70.avro", "content digests differ"));
  }

  @Test
  void againstKafkaHoldingTheSameRecordsIsClean() {
    AuditReport report = auditAgainst(new FakeKafka(new OffsetRange(0, 100)));
    assertThat(report.clean()).as(report.render()).isTrue();
    assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("10 sampled records compared, 0 differ"));
  }

  @Test
  void anOffsetHoldingNoRecordInKafkaIsNotMissing() throws IOException {
    LocalWarehouse withHole = new LocalWarehouse(tmp.resolve("hole"));
    withHole.landWithout("2026112103", 0, 40, 39);
    withHole.merge();
    w = withHole;
    assertThat(audit(DAY).findings()).as("without Kafka a transaction marker looks missing").singleElement()
        .satisfies(f -> assertThat(f.what()).contains("offsets 39 (1 offset)"));
    FakeKafka kafka = new FakeKafka(new OffsetRange(0, 40));
    kafka.noRecord.add(39L);
    AuditReport report = auditAgainst(kafka);
    assertThat(report.clean()).as(report.render()).isTrue();
    assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("1 offsets hold no record"));
  }

  @Test
  void contentDifferentFromKafkasIsFound() {
    FakeKafka kafka = new FakeKafka(new OffsetRange(0, 100));
    kafka.changed.put(50L, "not what landed");
    assertThat(auditAgainst(kafka).findings()).singleElement().satisfies(f -> assertThat(f.toString())
        .contains("[KAFKA_DIFFERS]", "range 40-70", "1 of 3 sampled records differ", "offset 50"));
  }

  @Test
  void offsetsKafkaNoLongerHasAreNotCompared() {
    AuditReport report = auditAgainst(new FakeKafka(new OffsetRange(60, 100)));
    assertThat(report.clean()).as(report.render()).isTrue();
    assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("60 offsets no longer in Kafka were not compared"));
  }

  @Test
  void aJsonRecordMovedFromOneFileOfItsRangeToAnotherIsFoundThoughTheCountsAgree() throws IOException {
    // Offset 5 is gone from the first date's file and offset 25 landed twice in the second's: 40
    // records for 40 offsets, which a comparison by number takes for clean.
    w = new LocalWarehouse(tmp.resolve("json"));
    w.landUserRecords("2026112103", 0, 40, 20, (date, records) -> {
      List<GenericRecord> damaged = new java.util.ArrayList<>(records);
      if (date.equals(LocalWarehouse.DATE)) {
        damaged.remove(5);
      } else {
        damaged.add(damaged.get(5));
      }
      return damaged;
    });
    List<Finding> findings = auditAs("json", AuditWindow.hours(HourPartition.parse("2026112103"),
        HourPartition.parse("2026112103"))).findings();
    assertThat(findings).filteredOn(f -> f.kind() == Finding.Kind.MISSING).singleElement()
        .satisfies(f -> assertThat(f.what()).contains("offsets 19 (1 offset)"));
    assertThat(findings).filteredOn(f -> f.kind() == Finding.Kind.DUPLICATE).singleElement()
        .satisfies(f -> assertThat(f.what()).contains("1 records more"));
  }

  @Test
  void aJsonRangeWhoseFilesHoldWhatItsReportNamesIsClean() throws IOException {
    w = new LocalWarehouse(tmp.resolve("json"));
    w.landUserRecords("2026112103", 0, 40, 20, (date, records) -> records);
    AuditReport report = auditAs("json", AuditWindow.hours(HourPartition.parse("2026112103"),
        HourPartition.parse("2026112103")));
    assertThat(report.findings()).as(report.render())
        .noneMatch(f -> f.kind() == Finding.Kind.MISSING || f.kind() == Finding.Kind.DUPLICATE);
    assertThat(report.notes()).noneMatch(n -> n.contains("by number"));
  }

  @Test
  void aDataFileTheRangesReportDoesNotNameIsFoundAndItsRecordsDoNotCancelAMissingOne() throws IOException {
    w = new LocalWarehouse(tmp.resolve("json"));
    LocalWarehouse.Landed landed = w.landUserRecords("2026112103", 0, 40, 40, (date, records) -> {
      List<GenericRecord> damaged = new java.util.ArrayList<>(records);
      damaged.remove(39);
      return damaged;
    });
    Path stray = new Path(landed.file().toString().replace("/" + LocalWarehouse.DATE + "/",
        "/" + LocalWarehouse.DATE.plusDays(1) + "/"));
    w.write(stray, LocalWarehouse.USER_SCHEMA, w.read(landed.file()).subList(0, 1));
    List<Finding> findings = auditAs("json", AuditWindow.hours(HourPartition.parse("2026112103"),
        HourPartition.parse("2026112103"))).findings();
    assertThat(findings).extracting(Finding::kind).contains(Finding.Kind.UNEXPECTED_FILE, Finding.Kind.MISSING,
        Finding.Kind.DUPLICATE);
  }

  @Test
  void withAKafkaFieldARecordReplacedByAnotherInsideOneFileIsFound() throws IOException {
    // Same count in the same file, which the report's offsets cannot tell apart: the records' own
    // coordinates can.
    w = new LocalWarehouse(tmp.resolve("kafka-field"));
    w.landUserRecordsWithKafkaField("2026112103", 0, 40, (date, records) -> {
      List<GenericRecord> damaged = new java.util.ArrayList<>(records);
      damaged.set(5, damaged.get(6));
      return damaged;
    });
    List<Finding> findings = auditAs("json", AuditWindow.hours(HourPartition.parse("2026112103"),
        HourPartition.parse("2026112103"))).findings();
    assertThat(findings).filteredOn(f -> f.kind() == Finding.Kind.MISSING).singleElement()
        .satisfies(f -> assertThat(f.what()).contains("offsets 5 (1 offset)"));
    assertThat(findings).filteredOn(f -> f.kind() == Finding.Kind.DUPLICATE).singleElement()
        .satisfies(f -> assertThat(f.what()).contains("offsets 6 (1 offset)"));
  }

  private AuditReport auditAs(String format, AuditWindow window) {
    Map<String, String> settings = new java.util.HashMap<>(Map.of("kafka.bootstrap.servers", "localhost:1",
        "db.url", "jdbc:mysql://x/y", "db.user", "u", "etl.topics", LocalWarehouse.TOPIC, "etl.work.root", w.workRoot,
        "etl.warehouse.root", w.warehouseRoot));
    settings.put("topic." + LocalWarehouse.TOPIC + ".format", format);
    settings.put("topic." + LocalWarehouse.TOPIC + ".schema", "click.avsc");
    return new TopicAudit(EtlConfig.parse(settings), w.fs, w.fs, w.source, Optional.empty(), 100)
        .audit(LocalWarehouse.TOPIC, window);
  }

  private AuditReport auditAgainst(FakeKafka kafka) {
    return new TopicAudit(config(), w.fs, w.fs, w.source, Optional.of(kafka), 10).audit(LocalWarehouse.TOPIC, DAY);
  }

  private AuditReport audit(AuditWindow window) {
    return new TopicAudit(config(), w.fs, w.fs, w.source, Optional.empty(), 100).audit(LocalWarehouse.TOPIC, window);
  }

  private EtlConfig config() {
    return EtlConfig.parse(Map.of("kafka.bootstrap.servers", "localhost:1", "db.url", "jdbc:mysql://x/y",
        "db.user", "u", "etl.topics", LocalWarehouse.TOPIC, "etl.work.root", w.workRoot, "etl.warehouse.root",
        w.warehouseRoot));
  }

  /** What a stray writer could do: append a block with one more record to the daily file. */
  private void appendToDailyFile(GenericRecord record) throws IOException {
    FSDataOutputStream out = w.fs.append(w.dailyFile());
    try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(EnvelopeDecoder.SCHEMA))) {
      writer.appendTo(new FsInput(w.dailyFile(), w.fs), out);
      writer.append(record);
    }
  }
}
