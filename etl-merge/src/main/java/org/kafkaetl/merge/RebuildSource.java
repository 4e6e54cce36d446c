package org.kafkaetl.merge;

import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.merge.HourlyFile;
import org.kafkaetl.core.merge.LedgerEntry;

/**
 * Where a rebuild takes one hourly file's records from: the hourly file as it landed, or, for an
 * hour already merged whose hourly file no longer holds what was merged (a rerun came back with
 * less, or cleanup removed it), the region of the current daily file the ledger says holds them.
 *
 * @param merged the ledger entry to copy from the daily file, or null to copy the hourly file
 */
record RebuildSource(HourlyFile hourly, LedgerEntry merged) {
  static RebuildSource landed(HourlyFile hourly) {
    return new RebuildSource(hourly, null);
  }

  /** @param passedOver the hourly file as it is now, which the rebuilt ledger records instead */
  static RebuildSource fromDailyFile(LedgerEntry merged, HourlyFile passedOver) {
    return new RebuildSource(passedOver, merged);
  }

  boolean fromDailyFile() {
    return merged != null;
  }

  /** The file whose schema and codec the copied records have. */
  Path file() {
    return new Path(fromDailyFile() ? merged.dailyPath() : hourly.path());
  }

  long beginOffset() {
    return hourly.event().range().begin();
  }
}
