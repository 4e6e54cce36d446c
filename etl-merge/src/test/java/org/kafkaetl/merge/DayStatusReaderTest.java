package org.kafkaetl.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.merge.LedgerEntry;
import org.kafkaetl.core.merge.MergeLedger;
import org.kafkaetl.core.merge.MergedHourlyFile;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.status.CellState;
import org.kafkaetl.core.status.DayStatus;

/** What {@code status --topic T --date D} reads from the bookkeeping: the day at once, the topic's files only. */
class DayStatusReaderTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

  @TempDir
  java.nio.file.Path dir;

  private final List<String> storeReads = new ArrayList<>();
  private final List<String> ledgerReads = new ArrayList<>();

  @Test
  void aDaysStatusReadsItsRangesOnceAndOnlyTheTopicsMergedFilesOfTheDay() throws IOException {
    EtlConfig config = EtlConfig.parse(Map.of("kafka.bootstrap.servers", "unused:9092", "db.url",
        "jdbc:mysql://unused/db", "db.user", "u", "db.password", "p", "etl.topics", "t,u",
        "etl.work.root", dir.resolve("work").toString(), "etl.warehouse.root", dir.resolve("warehouse").toString()));
    WorkLayout work = new WorkLayout(config.workRoot());
    HourPartition two = new HourPartition(DAY.atTime(2, 0));
    HourPartition five = new HourPartition(DAY.atTime(5, 0));
    List<RangeRecord> rows = List.of(range(two, 0, RangeState.COMPLETE), range(two, 1, RangeState.COMPLETE),
        range(five, 0, RangeState.COMPLETE), range(five, 1, RangeState.INCOMPLETE));
    Map<String, MergedHourlyFile> merged = new java.util.HashMap<>();
    for (RangeRecord r : rows) {
      if (r.state() == RangeState.COMPLETE) {
        String file = work.hourDir(r.hour()) + "/" + WorkLayout.dataFile(r.event(), DAY);
        Files.createDirectories(java.nio.file.Path.of(file).getParent());
        Files.write(java.nio.file.Path.of(file), new byte[] {1});
        if (r.hour().equals(two)) {
          merged.put("file:" + file, asListed(file)); // hour 02 merged, hour 05's file not
        }
      }
    }
    RawLocalFileSystem local = new RawLocalFileSystem();
    local.initialize(java.net.URI.create("file:///"), new Configuration());
    FileSystem fs = local;

    DayStatus status = new DayStatusReader(config, fs, store(rows), ledger(merged),
        Clock.fixed(Instant.parse("2026-11-21T05:00:00Z"), ZoneOffset.UTC)).read("t", DAY);

    assertThat(storeReads).containsExactly("rangesOfHours t 2026112000..2026112023");
    assertThat(ledgerReads).containsExactly("mergedHourlyFiles t 2026112000..2026112023");
    assertThat(status.cells().values().stream().flatMap(row -> row.values().stream())
        .map(c -> c.hour() + "/" + c.partition() + "=" + c.state()).toList()).contains(
        "2026112002/0=" + CellState.MERGED, "2026112002/1=" + CellState.MERGED,
        "2026112005/0=" + CellState.UNMERGED, "2026112005/1=" + CellState.INCOMPLETE);
    assertThat(status.cells().get(new HourPartition(DAY.atTime(3, 0))).values()).extracting(c -> c.state())
        .containsOnly(CellState.EMPTY);
  }

  /**
   * A rerun wrote a merged hourly file again; the merge host's clock, an hour ahead, recorded a merge
   * time after that. The file's own time tells it: its hour is not merged, and the day needs a rebuild.
   */
  @Test
  void anHourWhoseMergedFileARerunWroteAgainIsNotMergedAndItsDayNeedsARebuild() throws IOException {
    EtlConfig config = config();
    WorkLayout work = new WorkLayout(config.workRoot());
    HourPartition two = new HourPartition(DAY.atTime(2, 0));
    List<RangeRecord> rows = List.of(range(two, 0, RangeState.COMPLETE), range(two, 1, RangeState.COMPLETE));
    Map<String, MergedHourlyFile> merged = new java.util.HashMap<>();
    for (RangeRecord r : rows) {
      String file = landed(work, r);
      MergedHourlyFile listed = asListed(file);
      merged.put("file:" + file, r.event().partition().partition() == 0 ? listed
          : new MergedHourlyFile(listed.mergedAt(), listed.modifiedAtMerge().minusSeconds(120)));
    }
    DayStatus status = read(config, rows, merged);

    assertThat(status.cells().get(two).values()).extracting(c -> c.state())
        .containsExactly(CellState.MERGED, CellState.UNMERGED);
    assertThat(status.cells().get(two).get(1).rewrittenDates()).containsExactly(DAY);
    assertThat(status.actions(org.kafkaetl.core.alert.FixCommands.defaults())).singleElement()
        .satisfies(a -> assertThat(a.command()).endsWith("merge --topic t --date 2026-11-20 --rebuild"));
  }

  /**
   * A rerun moved every record of a merged file to another date: the file is gone, the daily file of
   * its old date still holds them, and only a rebuild of that date takes them out.
   */
  @Test
  void anHourWhoseMergedFileARerunRemovedIsNotMergedAndTheOldDateNeedsARebuild() throws IOException {
    EtlConfig config = config();
    WorkLayout work = new WorkLayout(config.workRoot());
    HourPartition two = new HourPartition(DAY.atTime(2, 0));
    List<RangeRecord> rows = List.of(range(two, 0, RangeState.COMPLETE), range(two, 1, RangeState.COMPLETE));
    Map<String, MergedHourlyFile> merged = new java.util.HashMap<>();
    for (RangeRecord r : rows) {
      String file = landed(work, r);
      merged.put("file:" + file, asListed(file));
      String removed = work.hourDir(r.hour()) + "/" + WorkLayout.dataFile(r.event(), LocalDate.EPOCH);
      // partition 0's was taken from the daily copy by a rebuild that found it gone; partition 1's not yet
      merged.put("file:" + removed, new MergedHourlyFile(Instant.parse("2026-11-20T03:00:00Z"),
          r.event().partition().partition() == 0 ? MergedHourlyFile.ABSENT : Instant.parse("2026-11-20T02:59:00Z")));
    }
    DayStatus status = read(config, rows, merged);

    assertThat(status.cells().get(two).values()).extracting(c -> c.state())
        .containsExactly(CellState.MERGED, CellState.UNMERGED);
    assertThat(status.cells().get(two).get(1).rewrittenDates()).containsExactly(LocalDate.EPOCH);
    assertThat(status.actions(org.kafkaetl.core.alert.FixCommands.defaults())).singleElement()
        .satisfies(a -> assertThat(a.command()).endsWith("merge --topic t --date 1970-01-01 --rebuild"));
  }

  private EtlConfig config() {
    return EtlConfig.parse(Map.of("kafka.bootstrap.servers", "unused:9092", "db.url",
        "jdbc:mysql://unused/db", "db.user", "u", "db.password", "p", "etl.topics", "t",
        "etl.work.root", dir.resolve("work").toString(), "etl.warehouse.root", dir.resolve("warehouse").toString()));
  }

  /** The range's hourly file of {@link #DAY}, landed: its path. */
  private static String landed(WorkLayout work, RangeRecord r) throws IOException {
    String file = work.hourDir(r.hour()) + "/" + WorkLayout.dataFile(r.event(), DAY);
    Files.createDirectories(java.nio.file.Path.of(file).getParent());
    Files.write(java.nio.file.Path.of(file), new byte[] {1});
    return file;
  }

  private DayStatus read(EtlConfig config, List<RangeRecord> rows, Map<String, MergedHourlyFile> merged)
      throws IOException {
    RawLocalFileSystem fs = new RawLocalFileSystem();
    fs.initialize(java.net.URI.create("file:///"), new Configuration());
    return new DayStatusReader(config, fs, store(rows), ledger(merged),
        Clock.fixed(Instant.parse("2026-11-21T05:00:00Z"), ZoneOffset.UTC)).read("t", DAY);
  }

  /** The ledger row of a file as the merge listed it, by a merge host whose clock runs an hour ahead. */
  private static MergedHourlyFile asListed(String file) throws IOException {
    Instant modified = Files.getLastModifiedTime(java.nio.file.Path.of(file)).toInstant();
    return new MergedHourlyFile(modified.plusSeconds(3600), Instant.ofEpochMilli(modified.toEpochMilli()));
  }

  private static RangeRecord range(HourPartition hour, int partition, RangeState state) {
    KafkaEvent event = new KafkaEvent(TopicPartition.of("t", partition), new OffsetRange(0, 10));
    return new RangeRecord(1, hour, event, state, state == RangeState.COMPLETE ? 10 : 4, 10, 0, null, 1, 0, null);
  }

  private OffsetStore store(List<RangeRecord> rows) {
    return (OffsetStore) Proxy.newProxyInstance(OffsetStore.class.getClassLoader(), new Class<?>[] {OffsetStore.class},
        (proxy, method, args) -> {
          if (!method.getName().equals("rangesOfHours")) {
            storeReads.add(method.getName());
            throw new UnsupportedOperationException(method.getName());
          }
          storeReads.add("rangesOfHours " + args[0] + " " + args[1] + ".." + args[2]);
          return rows;
        });
  }

  private MergeLedger ledger(Map<String, MergedHourlyFile> merged) {
    return (MergeLedger) Proxy.newProxyInstance(MergeLedger.class.getClassLoader(), new Class<?>[] {MergeLedger.class},
        (proxy, method, args) -> {
          if (method.getName().equals("mergedHourlyFiles") && args.length == 3) {
            ledgerReads.add("mergedHourlyFiles " + args[0] + " " + args[1] + ".." + args[2]);
            return merged;
          }
          ledgerReads.add(method.getName() + (args == null ? "" : " " + List.of(args)));
          if (method.getReturnType() == List.class) {
            return List.<LedgerEntry>of();
          }
          return Set.of();
        });
  }
}
