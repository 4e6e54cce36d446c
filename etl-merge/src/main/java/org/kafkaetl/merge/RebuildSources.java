package org.kafkaetl.merge;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.merge.HourlyFile;
import org.kafkaetl.core.merge.LedgerEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, before a rebuild touches anything, where each hour's records come from, so that a rebuild
 * never replaces a merged hour by less. An hourly file the ledger holds is used only if it still has
 * the records the ledger counted from it; otherwise they are taken from the daily file (if it is the
 * one the ledger describes), and if neither has them the rebuild is refused.
 */
final class RebuildSources {
  private static final Logger LOG = LoggerFactory.getLogger(RebuildSources.class);

  private final HdfsFiles files;

  RebuildSources(HdfsFiles files) {
    this.files = files;
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
      long landed = recordsIn(new Path(e.hourly().path()));
      if (landed == e.records()) {
        sources.add(RebuildSource.landed(e.hourly()));
      } else if (dailyFileIntact.computeIfAbsent(e.dailyPath(), p -> intact(p, merged))) {
        LOG.warn("{}: hourly file {} {}, but {} of its records were merged; they are taken from {}", what,
            e.hourly().path(), describe(landed), e.records(), e.dailyPath());
        sources.add(RebuildSource.fromDailyFile(e));
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
    sources.sort(Comparator.comparingLong(RebuildSource::beginOffset));
    return sources;
  }

  /** Records in a file, or -1 when it is gone or unreadable. */
  private long recordsIn(Path file) {
    try {
      return files.fs().exists(file) ? AvroFiles.count(files.fs(), file) : -1;
    } catch (IOException e) {
      LOG.warn("cannot count the records of {}: {}", file, e.getMessage());
      return -1;
    }
  }

  private static String describe(long landed) {
    return landed < 0 ? "is gone or unreadable" : "now holds " + landed + " records";
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
