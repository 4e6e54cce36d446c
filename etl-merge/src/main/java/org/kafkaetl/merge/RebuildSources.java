package org.kafkaetl.merge;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.merge.HourlyFile;
import org.kafkaetl.core.merge.LedgerEntry;
import org.kafkaetl.core.merge.MergedHourlyFile;
import org.kafkaetl.hdfs.ReportsOfHours;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, before a rebuild touches anything, where each hour's records come from, so that a rebuild
 * never replaces a merged hour by less. An hourly file the ledger holds is used when it has at least
 * the records the ledger counted from it, or when its range was read again in full (its report has
 * no loss: the rest is in the re-read's other files); otherwise (retention shrank a re-read, or
 * cleanup removed the hour) they are taken from the daily file if it is the one the ledger
 * describes, and if neither has them the rebuild is refused. Each merged hour's hourly file is
 * recorded with its modification time as this rebuild saw it, whether it was copied or passed over,
 * so that cleanup can tell it from one a rerun writes later.
 */
final class RebuildSources {
  private static final Logger LOG = LoggerFactory.getLogger(RebuildSources.class);

  private final HdfsFiles files;
  private final ReportsOfHours reports;

  RebuildSources(HdfsFiles files, ReportsOfHours reports) {
    this.files = files;
    this.reports = reports;
  }

  /** The sources of every merged and pending hourly file, in offset order. */
  List<RebuildSource> resolve(String topic, LocalDate date, int partition, List<LedgerEntry> merged,
      List<HourlyFile> pending) throws IOException {
    String what = topic + " " + date + " partition " + partition;
    if (merged.isEmpty() && pending.isEmpty()) {
      throw new IllegalStateException("nothing to rebuild " + what + " from: no hourly files are recorded or landed");
    }
    List<RebuildSource> sources = new ArrayList<>();
    Map<String, Boolean> dailyFileIntact = new HashMap<>();
    for (LedgerEntry e : merged) {
      Path path = new Path(e.hourly().path());
      // Its time now, taken before it is counted or copied, is what the rebuilt ledger keeps: a rerun
      // writing it again after this leaves a time that differs, and cleanup keeps the hour.
      FileStatus status = status(path, what);
      // A file gone now is recorded as gone: cleanup then knows the daily copy stands for it on purpose.
      HourlyFile asNow = e.hourly().withModifiedAt(status == null ? MergedHourlyFile.ABSENT
          : Instant.ofEpochMilli(status.getModificationTime()));
      long landed;
      try {
        landed = recordsIn(path, status);
      } catch (IOException unreadable) {
        sources.add(unreadable(what, e, asNow, unreadable, dailyFileIntact, merged));
        continue;
      }
      Optional<RangeReport> report = report(e.hourly());
      if (landed == e.records() || landed > e.records()) {
        // The same, or re-read with more (a wider event-time window): never less than was merged.
        sources.add(RebuildSource.landed(asNow));
      } else if (report.isPresent() && report.get().lost().isEmpty()) {
        // Re-read in full: what is no longer here went to another date or the error file, where
        // the re-read's own files hold it; copying the old records too would land them twice.
        LOG.warn("{}: range {} was read again without loss and now has {} of the {} records merged from {}", what,
            e.hourly().event(), Math.max(landed, 0), e.records(), e.hourly().path());
        if (landed > 0) {
          sources.add(RebuildSource.landed(asNow));
        }
      } else if (dailyFileIntact.computeIfAbsent(e.dailyPath(), p -> intact(p, merged))) {
        LOG.warn("{}: hourly file {} {}, but {} of its records were merged; they are taken from {}", what,
            e.hourly().path(), describe(landed), e.records(), e.dailyPath());
        // The hourly file passed over is recorded as it is now: the daily copy stands for the hour from
        // here on, and with the time merged before, cleanup would keep the hour for good.
        sources.add(RebuildSource.fromDailyFile(e, asNow));
      } else {
        throw new IllegalStateException("cannot rebuild " + what + ": hourly file " + e.hourly().path() + " "
            + describe(landed) + " but the ledger merged " + e.records() + " records of it, and the daily file "
            + e.dailyPath() + " no longer matches the ledger; a rebuild would lose records, so nothing was changed."
            + " Restore the hourly file (e.g. from a snapshot or backup) and merge again");
      }
    }
    for (HourlyFile f : pending) {
      if (!files.fs().exists(new Path(f.path()))) {
        throw new IllegalStateException("cannot rebuild " + what + ": hourly file " + f.path()
            + " is gone (cleaned up?); the daily file was left as it is");
      }
      sources.add(RebuildSource.landed(f));
    }
    sources.sort(Comparator.comparing(RebuildSource::hourly, HourlyFile.IN_OFFSET_ORDER));
    return sources;
  }

  /**
   * The committed report of the hourly file's range, if its hour directory still has one: it says
   * whether the range was last read in full (then its files are the truth) or lost part of itself
   * to retention (then the daily file keeps what the earlier read landed).
   */
  private Optional<RangeReport> report(HourlyFile hourly) {
    Path hourDir = new Path(hourly.path()).getParent().getParent().getParent();
    try {
      return reports.read(hourDir, hourly.event());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * A merged hourly file that is there but cannot be read now (a block whose DataNodes are down, a
   * damaged file) is not one a re-read emptied: nothing says where its records went. If it is still
   * the file the merge copied (the same modification time) and the daily file is the one the ledger
   * describes, the daily copy holds exactly its records; otherwise the rebuild is refused, so the
   * daily file keeps them.
   */
  private RebuildSource unreadable(String what, LedgerEntry e, HourlyFile asNow, IOException failure,
      Map<String, Boolean> dailyFileIntact, List<LedgerEntry> merged) throws IOException {
    Instant recorded = e.hourly().modifiedAt();
    boolean asMerged = recorded != null && recorded.equals(asNow.modifiedAt());
    if (asMerged && dailyFileIntact.computeIfAbsent(e.dailyPath(), p -> intact(p, merged))) {
      LOG.warn("{}: hourly file {} cannot be read ({}); it is the file merged, so its {} records are taken from {}",
          what, e.hourly().path(), failure.getMessage(), e.records(), e.dailyPath());
      return RebuildSource.fromDailyFile(e, asNow);
    }
    throw new IOException("cannot rebuild " + what + ": hourly file " + e.hourly().path() + " is there but cannot be"
        + " read (" + failure.getMessage() + ")" + (asMerged ? ", and the daily file " + e.dailyPath()
            + " no longer matches the ledger" : ", and it was written again after its merge")
        + "; a rebuild would lose its records, so nothing was changed. Merge again once HDFS reads it; if it is"
        + " damaged, land its hour again with rerun first", failure);
  }

  /** The file's status, or null when it is gone; a file that cannot be listed now stops the rebuild. */
  private FileStatus status(Path file, String what) throws IOException {
    try {
      return files.fs().getFileStatus(file);
    } catch (FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      throw new IOException("cannot rebuild " + what + ": cannot tell whether hourly file " + file + " is there ("
          + e.getMessage() + "); nothing was changed. Merge again once HDFS answers", e);
    }
  }

  /** Records in a file, or -1 when it is gone; a file there that cannot be read throws. */
  private long recordsIn(Path file, FileStatus status) throws IOException {
    try {
      return status != null ? AvroFiles.count(files.fs(), file) : -1;
    } catch (FileNotFoundException e) {
      return -1;
    } catch (org.apache.avro.AvroRuntimeException e) {
      throw new IOException("not a whole Avro file: " + e.getMessage(), e);
    }
  }

  private static String describe(long landed) {
    return landed < 0 ? "is gone" : "now holds " + landed + " records";
  }

  /** Whether the daily file is the one the ledger describes: same id, and at least as long. */
  private boolean intact(String dailyPath, List<LedgerEntry> merged) {
    Path path = new Path(dailyPath);
    List<LedgerEntry> ofFile = merged.stream().filter(e -> e.dailyPath().equals(dailyPath)).toList();
    long end = ofFile.stream().mapToLong(LedgerEntry::byteEnd).max().orElse(0);
    try {
      FileSystem fs = files.fs();
      if (!fs.exists(path)) {
        return false;
      }
      files.recoverLease(path);
      return fs.getFileStatus(path).getLen() >= end
          && ofFile.get(0).dailyFileId().equals(AvroFiles.fileId(fs, path));
    } catch (IOException e) {
      LOG.warn("cannot check daily file {}: {}", path, e.getMessage());
      return false;
    }
  }
}
