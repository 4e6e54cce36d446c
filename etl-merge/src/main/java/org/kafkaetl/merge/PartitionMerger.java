package org.kafkaetl.merge;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.layout.WarehouseLayout;
import org.kafkaetl.core.merge.HourlyFile;
import org.kafkaetl.core.merge.LedgerEntry;
import org.kafkaetl.core.merge.MergeLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one partition's daily file(s) of a date up to date: first makes the current part agree
 * with the ledger (recover a dead writer's lease, cut off what a failed merge left), then appends
 * the pending hourly files, starting a new part whenever the schema changes. Anything the ledger
 * cannot explain (file missing, shorter, or replaced) is repaired by a rebuild from hourly files.
 */
final class PartitionMerger {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionMerger.class);

  private final HdfsFiles files;
  private final DailyFileAppender appender;
  private final RebuildSources sources;
  private final DailyParts parts;
  private final MergeLockWatch lock;
  private final WarehouseLayout layout;
  private final MergeLedger ledger;
  private final Clock clock;

  PartitionMerger(HdfsFiles files, WarehouseLayout layout, MergeLedger ledger, Clock clock) {
    this(files, layout, ledger, clock, () -> true);
  }

  /**
   * @param lockHeld whether this merge still holds the topic's merge lock: a merge that lost it
   *     leaves what it appended for the next holder to cut off, rather than cut back a file the
   *     next holder may already have appended to and recorded
   */
  PartitionMerger(HdfsFiles files, WarehouseLayout layout, MergeLedger ledger, Clock clock,
      java.util.function.BooleanSupplier lockHeld) {
    this.files = files;
    this.lock = new MergeLockWatch(lockHeld);
    // One per merge of a topic's day, shared by its threads: each hour's topic index is read once.
    org.kafkaetl.hdfs.ReportsOfHours reports = new org.kafkaetl.hdfs.ReportsOfHours(files.fs());
    this.appender = new DailyFileAppender(files, lock, reports);
    this.sources = new RebuildSources(files, reports);
    this.parts = new DailyParts(files, layout, lock);
    this.layout = layout;
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * Makes every partition's daily parts of the date what the ledger names, finishing or dropping
   * what a merge that died left ({@link DailyParts}); before any partition's work, since a partition
   * with nothing new would otherwise never be looked at again.
   */
  void settle(String topic, LocalDate date, List<LedgerEntry> merged) throws IOException {
    parts.settle(topic, date, merged);
  }

  /** What a partition's merge did. */
  record Outcome(int partition, int filesAppended, long records, long bytes, boolean rebuilt) {}

  Outcome append(String topic, LocalDate date, int partition, List<LedgerEntry> merged, List<HourlyFile> pending)
      throws IOException {
    parts.settleScratch(topic, date, partition, merged);
    DailyFileAppender.Target target = currentPart(topic, date, partition, merged);
    if (target == null) {
      LOG.warn("{} {} partition {}: daily file does not match the ledger; rebuilding it", topic, date, partition);
      return rebuild(topic, date, partition, merged, pending);
    }
    List<HourlyFile> left = sorted(pending);
    List<LedgerEntry> appended = new ArrayList<>();
    while (!left.isEmpty()) {
      List<LedgerEntry> entries = commit(target, left);
      appended.addAll(entries);
      left = left.subList(entries.size(), left.size());
      if (!left.isEmpty()) {
        LOG.info("{} {} partition {}: schema changed at {}; starting part {}", topic, date, partition,
            left.get(0).event(), target.part() + 1);
        target = newPart(topic, date, partition, target.part() + 1);
      }
    }
    return outcome(partition, appended, false);
  }

  /**
   * Writes the partition's daily file(s) anew from the merged and the pending hourly files, then
   * replaces the old ones. A merged hour whose hourly file no longer holds what was merged is taken
   * from the old daily file ({@link RebuildSources}), so a rebuild never loses merged records.
   */
  Outcome rebuild(String topic, LocalDate date, int partition, List<LedgerEntry> merged, List<HourlyFile> pending)
      throws IOException {
    parts.settleScratch(topic, date, partition, merged);
    List<List<RebuildSource>> runs = runsBySchema(sources.resolve(topic, date, partition, merged, pending));
    List<LedgerEntry> rebuilt = new ArrayList<>();
    List<Path> scratch = new ArrayList<>();
    for (int part = 0; part < runs.size(); part++) {
      Path tmp = new Path(layout.rebuildFile(topic, date, partition, part));
      fs().delete(tmp, false);
      Path daily = new Path(layout.dailyFile(topic, date, partition, part));
      List<RebuildSource> run = runs.get(part);
      for (LedgerEntry e : appender.appendSources(DailyFileAppender.Target.create(tmp, part),
          AvroFiles.schema(fs(), run.get(0).file()), run, clock.instant())) {
        rebuilt.add(new LedgerEntry(e.hourly(), daily.toString(), part, e.dailyFileId(), e.byteBegin(), e.byteEnd(),
            e.records(), e.mergedAt()));
      }
      scratch.add(tmp);
    }
    // The ledger is the commit point: once it names the new parts, a merge that dies before they
    // are all in place leaves them for the next merge of the partition to move in.
    ledger.replace(topic, date, partition, rebuilt);
    lock.requireHeld("move the rebuilt parts of " + topic + " " + date + " partition " + partition + " in");
    parts.replace(topic, date, partition, scratch);
    return outcome(partition, rebuilt, true);
  }

  /** The part to append to, made consistent with the ledger; null when only a rebuild can help. */
  private DailyFileAppender.Target currentPart(String topic, LocalDate date, int partition, List<LedgerEntry> merged)
      throws IOException {
    if (merged.isEmpty()) {
      return newPart(topic, date, partition, 0);
    }
    int part = merged.stream().mapToInt(LedgerEntry::part).max().orElseThrow();
    List<LedgerEntry> ofPart = merged.stream().filter(e -> e.part() == part).toList();
    Path path = new Path(ofPart.get(0).dailyPath());
    long expected = ofPart.stream().mapToLong(LedgerEntry::byteEnd).max().orElseThrow();
    long length;
    try {
      files.recoverLease(path);
      length = fs().getFileStatus(path).getLen();
    } catch (FileNotFoundException e) {
      return null;
    }
    if (length < expected) {
      return null;
    }
    DailyHeader header = DailyHeader.read(fs(), path, length);
    if (!ofPart.get(0).dailyFileId().equals(header.fileId())) {
      return null;
    }
    if (length > expected) {
      lock.requireHeld("cut " + path + " back to the ledger");
      LOG.warn("{}: cutting off {} bytes a failed merge left after byte {}", path, length - expected, expected);
      files.truncate(path, expected);
    }
    return new DailyFileAppender.Target(path, part, header.fileId(), expected, header);
  }

  /** A fresh part; a file already there without ledger entries is what a failed create left. */
  private DailyFileAppender.Target newPart(String topic, LocalDate date, int partition, int part) throws IOException {
    Path path = new Path(layout.dailyFile(topic, date, partition, part));
    if (fs().exists(path)) {
      lock.requireHeld("remove " + path + ", a part the ledger does not name");
      files.recoverLease(path);
      fs().delete(path, false);
    }
    return DailyFileAppender.Target.create(path, part);
  }

  /** Appends what of {@code run} the target's schema takes, and records it; nothing if the first file's schema differs. */
  private List<LedgerEntry> commit(DailyFileAppender.Target target, List<HourlyFile> run) throws IOException {
    List<LedgerEntry> entries = appender.append(target, List.copyOf(run), clock.instant());
    if (entries.isEmpty()) {
      return entries;
    }
    try {
      ledger.record(entries);
    } catch (RuntimeException e) {
      switch (recorded(entries.get(0))) {
        case YES -> {
          // the commit went through though its answer was lost: the bytes are the ledger's now
          LOG.warn("{}: recording the append failed ({}) but the ledger holds it; kept", target.path(),
              e.getMessage());
          return entries;
        }
        case NO -> appender.undo(target, e);
        case UNKNOWN -> e.addSuppressed(new IllegalStateException("whether the ledger holds the append to "
            + target.path() + " cannot be told now, so its bytes were left; the next merge keeps them if the ledger"
            + " holds them and cuts them off if not"));
      }
      throw e;
    }
    return entries;
  }

  private enum Recorded { YES, NO, UNKNOWN }

  /** Whether the ledger holds {@code first} (a failed commit may have been applied by the database). */
  private Recorded recorded(LedgerEntry first) {
    try {
      HourlyFile h = first.hourly();
      boolean found = ledger.entries(h.event().topic(), h.date(), h.partition()).stream().anyMatch(e -> e.hourly().path().equals(
          h.path()) && e.dailyFileId().equals(first.dailyFileId()) && e.byteBegin() == first.byteBegin());
      return found ? Recorded.YES : Recorded.NO;
    } catch (RuntimeException e) {
      return Recorded.UNKNOWN;
    }
  }

  private List<List<RebuildSource>> runsBySchema(List<RebuildSource> sorted) {
    List<List<RebuildSource>> runs = new ArrayList<>();
    Schema current = null;
    for (RebuildSource f : sorted) {
      Schema schema = AvroFiles.schema(fs(), f.file());
      if (!schema.equals(current)) {
        runs.add(new ArrayList<>());
        current = schema;
      }
      runs.get(runs.size() - 1).add(f);
    }
    return runs;
  }

  private static List<HourlyFile> sorted(List<HourlyFile> files) {
    List<HourlyFile> sorted = new ArrayList<>(files);
    sorted.sort(HourlyFile.IN_OFFSET_ORDER);
    return sorted;
  }

  private static Outcome outcome(int partition, List<LedgerEntry> entries, boolean rebuilt) {
    return new Outcome(partition, entries.size(), entries.stream().mapToLong(LedgerEntry::records).sum(),
        entries.stream().mapToLong(e -> e.byteEnd() - e.byteBegin()).sum(), rebuilt);
  }

  private FileSystem fs() {
    return files.fs();
  }
}
