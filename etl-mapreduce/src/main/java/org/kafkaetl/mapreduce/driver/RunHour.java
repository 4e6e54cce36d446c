package org.kafkaetl.mapreduce.driver;

import java.util.Optional;
import org.kafkaetl.core.HourPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hour an hourly run plans into: its clock's, unless an earlier run already planned into a later
 * one. Hours of runs never go back because each run plans a partition from where the last ended, so
 * pruning and the audit read a partition's rows hour by hour as in offset order
 * ({@code JdbcHistoryPruning}, {@code JdbcAuditSource}). A clock stepped back across an hour, a host
 * whose clock is behind another's, or a changed {@code etl.timezone} would otherwise put later offsets
 * in an earlier hour; the run then plans into the last run's hour instead, as a second run of it.
 */
final class RunHour {
  private static final Logger LOG = LoggerFactory.getLogger(RunHour.class);

  private RunHour() {}

  static HourPartition notBeforeTheLastRun(HourPartition clockHour, Optional<HourPartition> lastRun) {
    if (lastRun.isPresent() && lastRun.get().compareTo(clockHour) > 0) {
      LOG.warn("this host's clock says hour {} but a run already planned into hour {}: planning into {} (is this"
          + " host's clock behind, or etl.timezone changed?)", clockHour, lastRun.get(), lastRun.get());
      return lastRun.get();
    }
    return clockHour;
  }
}
