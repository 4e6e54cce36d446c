package org.kafkaetl.merge;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.layout.WarehouseLayout;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.merge.MergeLedger;
import org.kafkaetl.core.merge.MergedHourlyFile;
import org.kafkaetl.core.offsets.HistoryPruned;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.LockNames;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.offsets.RunLock;

/**
 * {@code cleanup --older-than N}: deletes hour directories past retention, but only those whose
 * every data file is in the merge ledger as it is now (its modification time the one the merge listed)
 * and whose every range is COMPLETE or LOST. Anything not merged stays, whatever its age: hourly
 * files are what a rebuild or audit goes back to. Error files
 * (undecodable messages, their only copy) are moved to {@link WarehouseLayout#errorsDir} first. Reads
 * set aside ({@code _earlier/}) or moved to junk ({@code _junk/}) are not the hour's data, but may
 * hold records found nowhere else: an hour holding any is kept, and the decision names each one and
 * what to do with it. Runs under the hourly lock, so no run or rerun writes into an hour directory
 * while it is deleted.
 */
public final class WorkCleanup {
  private final EtlConfig config;
  private final FileSystem fs;
  private final MergeLedger ledger;
  private final OffsetStore store;
  private final RunLock lock;
  private final Clock clock;

  public WorkCleanup(EtlConfig config, FileSystem fs, MergeLedger ledger, OffsetStore store, RunLock lock, Clock clock) {
    this.config = config;
    this.fs = fs;
    this.ledger = ledger;
    this.store = store;
    this.lock = lock;
    this.clock = clock;
  }

  /** One hour directory and what cleanup decided for it. */
  public record Decision(String hourDir, boolean delete, String reason) {}

  /** @return the decisions, or empty if an hourly run or rerun holds the lock (nothing was done) */
  public Optional<List<Decision>> cleanup(Duration olderThan, boolean dryRun) {
    return lock.whileHolding(LockNames.hourly(config), () -> cleanupLocked(olderThan, dryRun));
  }

  /**
   * Removes etl_offsets rows of days past {@code etl.offsets.retention.days} (which must be set):
   * the days wholly before today minus that many days, in the configured time zone, so the audit of
   * any day kept finds all its rows. Hours whose directory is still in the work root keep their rows
   * (the merge and cleanup still read them), and so does every range after them of the same
   * partition. Runs after {@link #cleanup}, under the hourly lock.
   *
   * @return what was removed, or empty if an hourly run or rerun holds the lock (nothing was done)
   */
  public Optional<HistoryPruned> pruneOffsets() {
    int days = config.offsetsRetentionDays();
    if (days < 1) {
      throw new IllegalStateException("etl.offsets.retention.days is 0: every etl_offsets row is kept");
    }
    return lock.whileHolding(LockNames.hourly(config), () -> {
      HourPartition before = new HourPartition(LocalDateTime.ofInstant(clock.instant(), config.timeZone())
          .toLocalDate().minusDays(days).atStartOfDay());
      Set<HourPartition> kept = new java.util.TreeSet<>();
      try {
        for (FileStatus dir : hourDirs()) {
          HourPartition hour = HourPartition.parse(dir.getPath().getName());
          if (hour.compareTo(before) < 0) {
            kept.add(hour);
          }
        }
      } catch (IOException e) {
        throw new RetriableException("cannot list " + config.workRoot() + ": " + e.getMessage(), e);
      }
      return store.pruneHistory(before, kept);
    });
  }

  private List<Decision> cleanupLocked(Duration olderThan, boolean dryRun) {
    LocalDateTime cutoff = LocalDateTime.ofInstant(clock.instant(), config.timeZone()).minus(olderThan);
    List<Decision> decisions = new ArrayList<>();
    try {
      for (FileStatus dir : hourDirs()) {
        HourPartition hour = HourPartition.parse(dir.getPath().getName());
        if (hour.start().isBefore(cutoff)) {
          Decision d = decide(dir.getPath(), hour);
          if (d.delete() && !dryRun) {
            keepErrorFiles(dir.getPath(), hour);
            fs.delete(dir.getPath(), true);
          }
          decisions.add(d);
        }
      }
    } catch (IOException e) {
      throw new RetriableException("cannot clean up " + config.workRoot() + ": " + e.getMessage(), e);
    }
    return decisions;
  }

  private Decision decide(Path dir, HourPartition hour) throws IOException {
    Map<String, MergedHourlyFile> merged = ledger.mergedHourlyFiles(hour);
    int files = 0;
    int unmerged = 0;
    Set<String> rebuilds = new TreeSet<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    String setAside = "/" + WorkLayout.EARLIER_DIR + "/";
    String junk = "/" + WorkLayout.JUNK_DIR + "/";
    Set<String> present = new java.util.HashSet<>();
    while (it.hasNext()) {
      LocatedFileStatus file = it.next();
      Path p = file.getPath();
      String path = p.toUri().getPath();
      if (WorkLayout.parseDataFileName(p.getName()).isPresent() && !p.getParent().getName().startsWith("_")
          && !path.contains(setAside) && !path.contains(junk)) {
        files++;
        present.add(p.toString());
        MergedHourlyFile mergedFile = merged.get(p.toString());
        if (mergedFile == null) {
          unmerged++;
        } else if (mergedFile.outOfDate(Instant.ofEpochMilli(file.getModificationTime()))) {
          // A rerun wrote it again after its merge (records a fixed decoder now reads, or moved to another
          // date): the daily file holds the old copy, and deleting this one would lose the difference.
          rebuilds.add(rebuildOf(p));
        }
      }
    }
    Optional<String> left = leftForAPerson(dir);
    merged.forEach((path, mergedFile) -> {
      // A read set aside by a rerun is not gone: the next run settles it (left for a person below).
      if (left.isEmpty() && !present.contains(path) && mergedFile.outOfDate(null)) {
        // A rerun removed it after its merge (all its records now land on another date, or in the
        // error file): the daily file still holds them, and once this hour's reports are gone a
        // rebuild can no longer tell them from records to keep.
        rebuilds.add(rebuildOf(new Path(path)));
      }
    });
    if (!rebuilds.isEmpty()) {
      return new Decision(dir.toString(), false, rebuilds.size() + " day(s) hold an older copy of data files a rerun"
          + " wrote again after they were merged (or removed since); rebuild them, then clean up again: "
          + String.join("; ", rebuilds) + left.map(l -> "; " + l).orElse(""));
    }
    long open = config.topicNames().stream()
        .flatMap(t -> store.rangesOfHour(hour, t).stream())
        .filter(r -> r.state() != RangeState.COMPLETE && r.state() != RangeState.LOST)
        .count();
    if (unmerged > 0 || open > 0) {
      return new Decision(dir.toString(), false, unmerged + " of " + files + " data files not merged, " + open
          + " ranges not COMPLETE" + left.map(l -> "; " + l).orElse(""));
    }
    if (left.isPresent()) {
      return new Decision(dir.toString(), false, files + " data files, all merged, but " + left.get());
    }
    return new Decision(dir.toString(), true, files + " data files, all merged; error files kept under "
        + new WarehouseLayout(config.warehouseRoot()).errorsDir("<topic>", hour));
  }

  /**
   * The command that rebuilds the day a data file {@code <topic>/<date>/<file>} belongs to; for a topic
   * no longer configured the merge refuses it, so first the topic must be configured again.
   */
  private String rebuildOf(Path dataFile) {
    String topic = dataFile.getParent().getParent().getName();
    String configured = config.topic(topic).isPresent() ? ""
        : "with " + topic + " in etl.topics again (it is no longer configured; take it out after the rebuild, as"
            + " hourly runs read it while it is there): ";
    return configured + WorkLayout.parseDateDir(dataFile.getParent().getName())
        .map(date -> config.alerts().fixCommands().rebuild(topic, date, null))
        .orElse("merge --rebuild of the day of " + dataFile);
  }

  /** What keeps an otherwise finished hour: reads set aside or in junk, each with the command that clears it. */
  private Optional<String> leftForAPerson(Path hourDir) throws IOException {
    List<String> left = new ArrayList<>();
    for (FileStatus d : list(new Path(hourDir, WorkLayout.EARLIER_DIR))) {
      left.add(d.getPath().getName().endsWith(WorkLayout.UNREADABLE_SUFFIX)
          ? "reads set aside with an unreadable report (alerted CRITICAL): compare " + d.getPath() + " with the hour's"
              + " files, copy back what the hour lacks, then hdfs dfs -mv " + d.getPath() + " " + hourDir + "/"
              + WorkLayout.JUNK_DIR + "/" + d.getPath().getName()
          : "reads set aside by a rerun that has not settled them (the next hourly run does): " + d.getPath());
    }
    for (FileStatus d : list(new Path(hourDir, WorkLayout.JUNK_DIR))) {
      left.add("junk (alerted when made; may hold records no other file has): inspect, then hdfs dfs -rm -r "
          + d.getPath());
    }
    return left.isEmpty() ? Optional.empty() : Optional.of("kept for a person: " + String.join("; ", left));
  }

  private FileStatus[] list(Path dir) throws IOException {
    try {
      return fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }

  private void keepErrorFiles(Path hourDir, HourPartition hour) throws IOException {
    WarehouseLayout warehouse = new WarehouseLayout(config.warehouseRoot());
    // every topic directory of the hour, not only the topics configured now: one excluded or removed
    // since still has its error files here
    for (FileStatus topicDir : fs.listStatus(hourDir, p -> !p.getName().startsWith("_"))) {
      if (!topicDir.isDirectory()) {
        continue;
      }
      String topic = topicDir.getPath().getName();
      Path errors = new Path(hourDir, topic + "/" + WorkLayout.ERRORS_DIR);
      FileStatus[] files = fs.exists(errors) ? fs.listStatus(errors) : new FileStatus[0];
      if (files.length == 0) {
        continue;
      }
      Path kept = new Path(warehouse.errorsDir(topic, hour));
      fs.mkdirs(kept);
      for (FileStatus file : files) {
        Path target = new Path(kept, file.getPath().getName());
        if (!fs.rename(file.getPath(), target)) {
          throw new IOException("cannot move error file " + file.getPath() + " to " + target);
        }
      }
    }
  }

  private FileStatus[] hourDirs() throws IOException {
    try {
      return fs.listStatus(new Path(config.workRoot()), p -> p.getName().matches("\\d{10}"));
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }
}
