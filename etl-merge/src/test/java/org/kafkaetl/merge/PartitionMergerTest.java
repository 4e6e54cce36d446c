package org.kafkaetl.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.layout.WarehouseLayout;
import org.kafkaetl.core.merge.HourlyFile;
import org.kafkaetl.core.merge.LedgerEntry;
import org.kafkaetl.core.merge.MergeLedger;

/** Appending, part rollover and rebuild on the raw local file system with an in-memory ledger. */
class PartitionMergerTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  static final HourPartition HOUR = new HourPartition(LocalDateTime.of(2026, 11, 21, 3, 0));
  static final Schema V1 = SchemaBuilder.record("E").fields().requiredLong("offset").endRecord();
  static final Schema V2 = SchemaBuilder.record("E").fields().requiredLong("offset")
      .optionalString("added").endRecord();

  @TempDir
  java.nio.file.Path dir;

  private final MemoryLedger ledger = new MemoryLedger();
  private FileSystem fs;
  private PartitionMerger merger;
  private WarehouseLayout layout;

  @BeforeEach
  void setUp() throws IOException {
    fs = new RawLocalFileSystem();
    fs.initialize(java.net.URI.create("file:///"), new Configuration());
    layout = new WarehouseLayout(dir.resolve("warehouse").toString());
    merger = new PartitionMerger(new HdfsFiles(fs, Clock.systemUTC(), Duration.ofSeconds(5)), layout, ledger,
        Clock.systemUTC());
  }

  @Test
  void appendsAcrossCallsWithoutRecordingAnythingTwice() throws IOException {
    HourlyFile a = hourly(V1, 0, 10);
    HourlyFile b = hourly(V1, 10, 25);
    merger.append("t", DAY, 0, ledger.entries, List.of(a));
    merger.append("t", DAY, 0, List.copyOf(ledger.entries), List.of(b));
    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 25));
    assertThat(ledger.entries).extracting(e -> e.records()).containsExactly(10L, 15L);
    assertThat(ledger.entries.get(1).byteBegin()).isEqualTo(ledger.entries.get(0).byteEnd());
    assertThat(ledger.entries.get(1).byteEnd()).isEqualTo(Files.size(java.nio.file.Path.of(layout.dailyFile("t", DAY, 0, 0))));
  }

  @Test
  void aSchemaChangeStartsTheNextPartAndBackAgainTheOneAfter() throws IOException {
    List<HourlyFile> files = List.of(hourly(V1, 0, 5), hourly(V2, 5, 8), hourly(V2, 8, 9), hourly(V1, 9, 12));
    PartitionMerger.Outcome outcome = merger.append("t", DAY, 0, List.of(), files);
    assertThat(outcome.filesAppended()).isEqualTo(4);
    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 5));
    assertThat(offsets(layout.dailyFile("t", DAY, 0, 1))).containsExactlyElementsOf(range(5, 9));
    assertThat(offsets(layout.dailyFile("t", DAY, 0, 2))).containsExactlyElementsOf(range(9, 12));
    assertThat(ledger.entries).extracting(LedgerEntry::part).containsExactly(0, 1, 1, 2);
  }

  @Test
  void bytesLeftPastTheLedgerAreCutOffBeforeTheNextAppend() throws IOException {
    merger.append("t", DAY, 0, ledger.entries, List.of(hourly(V1, 0, 10)));
    try (OutputStream out = fs.append(new Path(layout.dailyFile("t", DAY, 0, 0)))) {
      out.write(new byte[777]);
    }
    merger.append("t", DAY, 0, List.copyOf(ledger.entries), List.of(hourly(V1, 10, 20)));
    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 20));
  }

  @Test
  void aDailyFileReplacedBehindTheLedgersBackIsRebuilt() throws IOException {
    HourlyFile a = hourly(V1, 0, 10);
    merger.append("t", DAY, 0, ledger.entries, List.of(a));
    fs.delete(new Path(layout.dailyFile("t", DAY, 0, 0)), false);
    PartitionMerger.Outcome outcome = merger.append("t", DAY, 0, List.copyOf(ledger.entries), List.of(hourly(V1, 10, 12)));
    assertThat(outcome.rebuilt()).isTrue();
    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 12));
  }

  /**
   * A rerun of a merged hour that came back with less (Kafka deleted part of it meanwhile) must not
   * shrink the daily file when a late range forces a rebuild: the merged hour's records are taken
   * from the daily file, where the ledger says they are.
   */
  @Test
  void aRebuildNeverReplacesAMergedHourByAShorterHourlyFile() throws IOException {
    HourlyFile first = hourly(V1, 0, 10);
    HourlyFile third = hourly(V1, 20, 30);
    merger.append("t", DAY, 0, ledger.entries, List.of(first, third));
    rewrite(first, 5, 10);
    HourlyFile late = hourly(V1, 10, 20);

    PartitionMerger.Outcome outcome = merger.rebuild("t", DAY, 0, List.copyOf(ledger.entries), List.of(late));

    assertThat(outcome.rebuilt()).isTrue();
    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 30));
    assertThat(ledger.entries).extracting(LedgerEntry::records).containsExactly(10L, 10L, 10L);
  }

  @Test
  void aRebuildTakesAMergedHourWhoseHourlyFileIsGoneFromTheDailyFile() throws IOException {
    HourlyFile first = hourly(V1, 0, 10);
    merger.append("t", DAY, 0, ledger.entries, List.of(first));
    fs.delete(new Path(first.path()), false);

    merger.rebuild("t", DAY, 0, List.copyOf(ledger.entries), List.of(hourly(V1, 10, 12)));

    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 12));
  }

  @Test
  void aRebuildThatWouldLoseRecordsIsRefusedAndChangesNothing() throws IOException {
    HourlyFile first = hourly(V1, 0, 10);
    merger.append("t", DAY, 0, ledger.entries, List.of(first));
    rewrite(first, 5, 10);
    fs.delete(new Path(layout.dailyFile("t", DAY, 0, 0)), false);
    List<LedgerEntry> before = List.copyOf(ledger.entries);

    assertThatThrownBy(() -> merger.append("t", DAY, 0, before, List.of(hourly(V1, 10, 12))))
        .hasMessageContaining(first.path()).hasMessageContaining("5 records").hasMessageContaining("10");
    assertThat(ledger.entries).isEqualTo(before);
  }

  @Test
  void aRebuildTakesAMergedHourReadAgainWithMoreRecordsFromItsHourlyFile() throws IOException {
    HourlyFile first = hourly(V1, 0, 10);
    merger.append("t", DAY, 0, ledger.entries, List.of(first));
    rewrite(first, 0, 12);

    merger.rebuild("t", DAY, 0, List.copyOf(ledger.entries), List.of());

    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 12));
  }

  /** A full re-read sent the hour's records elsewhere (another date): the old copy must not stay. */
  @Test
  void aRebuildDropsAMergedHourThatAFullReReadNoLongerPutsOnThisDate() throws IOException {
    HourlyFile first = hourly(V1, 0, 10);
    HourlyFile second = hourly(V1, 10, 20);
    merger.append("t", DAY, 0, ledger.entries, List.of(first, second));
    fs.delete(new Path(first.path()), false);
    writeReport(first, List.of());

    merger.rebuild("t", DAY, 0, List.copyOf(ledger.entries), List.of());

    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(10, 20));
  }

  @Test
  void aReReadThatLostRecordsToRetentionKeepsTheMergedCopy() throws IOException {
    HourlyFile first = hourly(V1, 0, 10);
    merger.append("t", DAY, 0, ledger.entries, List.of(first));
    rewrite(first, 5, 10);
    writeReport(first, List.of(new OffsetRange(0, 5)));

    merger.rebuild("t", DAY, 0, List.copyOf(ledger.entries), List.of());

    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 10));
  }

  /**
   * A rerun wrote a merged hourly file again with at least what was merged: the rebuild copies it and
   * records its time now, so cleanup, which keeps the hour while the file's time differs from the
   * ledger's, can remove it afterwards.
   */
  @Test
  void aRebuildRecordsTheTimeOfAMergedHourlyFileARerunWroteAgainAsItCopiedIt() throws IOException {
    HourlyFile first = listed(hourly(V1, 0, 10));
    merger.append("t", DAY, 0, ledger.entries, List.of(first));
    assertThat(ledger.entries.get(0).hourly().modifiedAt()).as("the merge records the time listed")
        .isEqualTo(first.modifiedAt());
    rewrite(first, 0, 12);
    Instant rewritten = touch(first, first.modifiedAt().plusSeconds(30));

    merger.rebuild("t", DAY, 0, List.copyOf(ledger.entries), List.of());

    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 12));
    assertThat(ledger.entries).singleElement().satisfies(e -> {
      assertThat(e.records()).isEqualTo(12);
      assertThat(e.hourly().modifiedAt()).isEqualTo(rewritten);
    });
  }

  /**
   * The rebuild takes a merged hour from the daily file and passes over its hourly file (a re-read that
   * lost records to retention): it records that file's time now, or cleanup would keep the hour for good.
   */
  @Test
  void aRebuildTakingAMergedHourFromTheDailyFileRecordsTheTimeOfTheHourlyFileItPassedOver() throws IOException {
    HourlyFile first = listed(hourly(V1, 0, 10));
    merger.append("t", DAY, 0, ledger.entries, List.of(first));
    rewrite(first, 5, 10);
    writeReport(first, List.of(new OffsetRange(0, 5)));
    Instant rewritten = touch(first, first.modifiedAt().plusSeconds(30));

    merger.rebuild("t", DAY, 0, List.copyOf(ledger.entries), List.of());

    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 10));
    assertThat(ledger.entries).singleElement().satisfies(e -> {
      assertThat(e.records()).as("from the daily file").isEqualTo(10);
      assertThat(e.hourly().modifiedAt()).isEqualTo(rewritten);
    });
  }

  /**
   * Cleanup had removed the hour (or a rerun the file): the rebuild takes the records from the daily
   * file and records the hourly file as gone, so cleanup does not wait for another rebuild.
   */
  @Test
  void aRebuildTakingAGoneHourlyFileFromTheDailyFileRecordsItAsGone() throws IOException {
    HourlyFile first = listed(hourly(V1, 0, 10));
    merger.append("t", DAY, 0, ledger.entries, List.of(first));
    Files.delete(java.nio.file.Path.of(java.net.URI.create(first.path())));

    merger.rebuild("t", DAY, 0, List.copyOf(ledger.entries), List.of());

    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 10));
    assertThat(ledger.entries).singleElement().satisfies(e -> {
      assertThat(e.records()).as("from the daily file").isEqualTo(10);
      assertThat(e.hourly().modifiedAt()).isEqualTo(org.kafkaetl.core.merge.MergedHourlyFile.ABSENT);
    });
  }

  /** The file as a merge's listing gives it: with its modification time. */
  private HourlyFile listed(HourlyFile file) throws IOException {
    return file.withModifiedAt(Instant.ofEpochMilli(fs.getFileStatus(new Path(file.path())).getModificationTime()));
  }

  /** Sets a file's modification time, as the NameNode does when a rerun's task closes it. */
  private Instant touch(HourlyFile file, Instant modified) throws IOException {
    fs.setTimes(new Path(file.path()), modified.toEpochMilli(), -1);
    return Instant.ofEpochMilli(fs.getFileStatus(new Path(file.path())).getModificationTime());
  }

  /** The committed report of a re-read of the file's range, beside the hour's files. */
  static void writeReport(HourlyFile file, List<OffsetRange> lost) throws IOException {
    java.nio.file.Path hourDir = java.nio.file.Path.of(java.net.URI.create(file.path())).getParent().getParent()
        .getParent();
    java.nio.file.Path report = hourDir.resolve(org.kafkaetl.core.layout.WorkLayout.reportFile(file.event()));
    Files.createDirectories(report.getParent());
    Files.write(report, org.kafkaetl.core.coverage.ReportCodec.encode(new org.kafkaetl.core.coverage.RangeReport(
        file.event(), file.event().range().end(), 0, 0, 0, "", java.util.Map.of(), lost)));
  }

  /** Replaces an hourly file by one holding only offsets [begin, end), as a rerun after retention would. */
  static void rewrite(HourlyFile file, long begin, long end) throws IOException {
    java.nio.file.Path path = java.nio.file.Path.of(java.net.URI.create(file.path()));
    Files.delete(path);
    try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(V1))) {
      w.create(V1, path.toFile());
      for (long o = begin; o < end; o++) {
        GenericRecord r = new GenericData.Record(V1);
        r.put("offset", o);
        w.append(r);
      }
    }
  }

  /**
   * HDFS's output stream keeps the exception that broke it and throws that same instance again on
   * close (found by the soak when a merge met a file whose lease was still being recovered): the
   * merge must still cut the daily file back and pass that failure on.
   */
  @Test
  void anAppendWhoseStreamThrowsItsFailureAgainOnCloseIsStillUndone() throws IOException {
    merger.append("t", DAY, 0, ledger.entries, List.of(hourly(V1, 0, 10)));
    java.nio.file.Path daily = java.nio.file.Path.of(layout.dailyFile("t", DAY, 0, 0));
    long length = Files.size(daily);
    IOException broken = new IOException("pipeline broken");
    PartitionMerger failing = new PartitionMerger(new HdfsFiles(failingOnClose(broken), Clock.systemUTC(),
        Duration.ofSeconds(5)), layout, ledger, Clock.systemUTC());

    assertThatThrownBy(() -> failing.append("t", DAY, 0, List.copyOf(ledger.entries), List.of(hourly(V1, 10, 20))))
        .isSameAs(broken);
    assertThat(Files.size(daily)).as("cut back to the ledger's length").isEqualTo(length);
  }

  @Test
  void anAppendOpensEachHourlyFileOnceAndTheDailyFileOnce() throws IOException {
    java.util.Map<String, Integer> opens = new java.util.concurrent.ConcurrentHashMap<>();
    FileSystem counting = new org.apache.hadoop.fs.FilterFileSystem(fs) {
      @Override
      public org.apache.hadoop.fs.FSDataInputStream open(Path f, int bufferSize) throws IOException {
        opens.merge(f.getName(), 1, Integer::sum);
        return super.open(f, bufferSize);
      }
    };
    counting.setConf(new Configuration());
    PartitionMerger countingMerger = new PartitionMerger(new HdfsFiles(counting, Clock.systemUTC(), Duration.ofSeconds(5)),
        layout, ledger, Clock.systemUTC());
    countingMerger.append("t", DAY, 0, ledger.entries, List.of(hourly(V1, 0, 10)));
    opens.clear();
    List<HourlyFile> next = List.of(hourly(V1, 10, 20), hourly(V1, 20, 30), hourly(V2, 30, 31));
    for (HourlyFile f : next) {
      // the task report the job commits beside the file: the ledger's record count comes from it
      java.nio.file.Path report = dir.resolve("work/2026112103").resolve(
          org.kafkaetl.core.layout.WorkLayout.reportFile(f.event()));
      Files.createDirectories(report.getParent());
      Files.write(report, org.kafkaetl.core.coverage.ReportCodec.encode(new org.kafkaetl.core.coverage.RangeReport(
          f.event(), f.event().range().end(), f.event().messages(), 0, 0, "",
          java.util.Map.of(DAY.toString(), f.event().messages()), List.of())));
    }
    countingMerger.append("t", DAY, 0, List.copyOf(ledger.entries), next);
    assertThat(opens).containsEntry("t.0.10-20.avro", 1)
        .containsEntry("t.0.20-30.avro", 1)
        // the file whose schema ends the part is opened again as the first of the next
        .containsEntry("t.0.30-31.avro", 2)
        .containsEntry(new Path(layout.dailyFile("t", DAY, 0, 0)).getName(), 1);
    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 30));
    assertThat(offsets(layout.dailyFile("t", DAY, 0, 1))).containsExactlyElementsOf(range(30, 31));
  }

  @Test
  void anAppendWhoseRecordWentThroughThoughItsAnswerWasLostIsKept() throws IOException {
    merger.append("t", DAY, 0, ledger.entries, List.of(hourly(V1, 0, 10)));
    ledger.recordsThenFails = true;
    PartitionMerger.Outcome outcome = merger.append("t", DAY, 0, List.copyOf(ledger.entries), List.of(hourly(V1, 10, 20)));
    assertThat(outcome.filesAppended()).isEqualTo(1);
    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).as("the bytes the ledger holds are not cut back")
        .containsExactlyElementsOf(range(0, 20));
    assertThat(ledger.entries.get(1).byteEnd())
        .isEqualTo(Files.size(java.nio.file.Path.of(layout.dailyFile("t", DAY, 0, 0))));
    assertThat(ledger.reads).as("whether the append was recorded is asked of its partition alone")
        .containsExactly("partition 0");
  }

  @Test
  void aMergeThatLostItsLockDoesNotMoveARebuildIn() throws IOException {
    merger.append("t", DAY, 0, ledger.entries, List.of(hourly(V1, 0, 10)));
    java.nio.file.Path daily = java.nio.file.Path.of(layout.dailyFile("t", DAY, 0, 0));
    byte[] before = Files.readAllBytes(daily);
    boolean[] held = {true};
    PartitionMerger losing = new PartitionMerger(new HdfsFiles(fs, Clock.systemUTC(), Duration.ofSeconds(5)), layout,
        new MemoryLedger() {
          @Override
          public synchronized void replace(String topic, LocalDate date, int partition, List<LedgerEntry> rebuilt) {
            ledger.replace(topic, date, partition, rebuilt);
            held[0] = false; // the lock's connection ends right after the rebuild is recorded
          }
        }, Clock.systemUTC(), () -> held[0]);
    assertThatThrownBy(() -> losing.rebuild("t", DAY, 0, List.copyOf(ledger.entries), List.of(hourly(V1, 10, 12))))
        .hasMessageContaining("lost its lock");
    assertThat(Files.readAllBytes(daily)).as("left for the next holder, who moves the recorded parts in")
        .isEqualTo(before);
    merger.settle("t", DAY, List.copyOf(ledger.entries));
    assertThat(offsets(layout.dailyFile("t", DAY, 0, 0))).containsExactlyElementsOf(range(0, 12));
  }

  /**
   * The local file system, except that closing an appended file fails, and fails again with the same
   * exception each time it is closed again, the way HDFS's output stream does.
   */
  private FileSystem failingOnClose(IOException broken) {
    FileSystem breaking = new org.apache.hadoop.fs.FilterFileSystem(fs) {
      @Override
      public FSDataOutputStream append(Path f, int bufferSize, org.apache.hadoop.util.Progressable progress)
          throws IOException {
        FSDataOutputStream real = super.append(f, bufferSize, progress);
        return new FSDataOutputStream(new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            real.write(b);
          }

          @Override
          public void close() throws IOException {
            real.close();
            throw broken;
          }
        }, null, real.getPos());
      }
    };
    breaking.setConf(new Configuration());
    return breaking;
  }

  private HourlyFile hourly(Schema schema, long begin, long end) throws IOException {
    return hourly(dir, schema, begin, end);
  }

  /** An hourly file of partition 0 under {@code dir}'s work root holding offsets [begin, end). */
  static HourlyFile hourly(java.nio.file.Path dir, Schema schema, long begin, long end) throws IOException {
    KafkaEvent event = new KafkaEvent(TopicPartition.of("t", 0), new OffsetRange(begin, end));
    java.nio.file.Path file = dir.resolve("work/2026112103/t/2026-11-21/t.0." + begin + "-" + end + ".avro");
    Files.createDirectories(file.getParent());
    try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      w.setCodec(CodecFactory.deflateCodec(1));
      w.create(schema, file.toFile());
      for (long o = begin; o < end; o++) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("offset", o);
        w.append(r);
      }
    }
    return new HourlyFile(event, HOUR, DAY, file.toUri().toString());
  }

  static List<Long> offsets(String file) throws IOException {
    List<Long> offsets = new ArrayList<>();
    try (DataFileReader<GenericRecord> r = new DataFileReader<>(new java.io.File(file), new GenericDatumReader<>())) {
      r.forEach(rec -> offsets.add((Long) rec.get("offset")));
    }
    return offsets;
  }

  static List<Long> range(long begin, long end) {
    List<Long> l = new ArrayList<>();
    for (long o = begin; o < end; o++) {
      l.add(o);
    }
    return l;
  }

  /** The ledger as a list, to see exactly what the merger recorded. */
  static class MemoryLedger implements MergeLedger {
    final List<LedgerEntry> entries = new ArrayList<>();
    boolean replaceFails;
    boolean dieAfterReplace;
    java.util.function.Supplier<RuntimeException> recordFails;
    /** The database applies the write but its answer is lost. */
    boolean recordsThenFails;

    /** Reads of the ledger: "day" for a whole day, "partition p" for one partition's entries. */
    final List<String> reads = new ArrayList<>();

    @Override
    public synchronized List<LedgerEntry> entries(String topic, LocalDate date) {
      reads.add("day");
      return List.copyOf(entries);
    }

    @Override
    public synchronized List<LedgerEntry> entries(String topic, LocalDate date, int partition) {
      reads.add("partition " + partition);
      return entries.stream().filter(e -> e.hourly().partition() == partition).toList();
    }

    @Override
    public java.util.Map<String, org.kafkaetl.core.merge.MergedHourlyFile> mergedHourlyFiles(HourPartition hour) {
      return java.util.Map.of();
    }

    @Override
    public java.util.Map<String, org.kafkaetl.core.merge.MergedHourlyFile> mergedHourlyFiles(String topic,
          HourPartition from, HourPartition to) {
      return java.util.Map.of();
    }

    @Override
    public MergeLedger newEpoch(String topic) {
      return this;
    }

    @Override
    public synchronized void record(List<LedgerEntry> appended) {
      if (recordsThenFails) {
        entries.addAll(appended);
        throw new IllegalStateException("connection reset while committing");
      }
      if (recordFails != null) {
        throw recordFails.get();
      }
      entries.addAll(appended);
    }

    @Override
    public synchronized void replace(String topic, LocalDate date, int partition, List<LedgerEntry> rebuilt) {
      if (replaceFails) {
        throw new IllegalStateException("the merge died recording the rebuild");
      }
      entries.removeIf(e -> e.hourly().partition() == partition);
      entries.addAll(rebuilt);
      if (dieAfterReplace) {
        throw new IllegalStateException("the merge died after recording the rebuild");
      }
    }

    @Override
    public void dayMerged(String topic, LocalDate date, Instant at, boolean rebuilt) {}
  }
}
