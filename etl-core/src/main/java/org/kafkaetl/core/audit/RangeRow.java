package org.kafkaetl.core.audit;

import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.offsets.RangeState;

/**
 * One etl_offsets row as the audit reads it: only what was planned (partition, range, hour) and
 * its state. The writer's counts are not taken, except {@code recordedRecords} to explain an hour
 * directory cleanup removed (see {@link Finding.Kind#HOUR_GONE}).
 *
 * @param incarnation the topic's incarnation (a recreated topic restarts its offsets): rows tile
 *     per partition and incarnation
 */
public record RangeRow(int partition, OffsetRange range, HourPartition hour, RangeState state, long recordedRecords,
    int incarnation) {

  /** A row of the topic's first incarnation. */
  public RangeRow(int partition, OffsetRange range, HourPartition hour, RangeState state, long recordedRecords) {
    this(partition, range, hour, state, recordedRecords, 0);
  }

  /** {@code range 100-200 (hour 2026112103, COMPLETE)}. */
  public String describe() {
    return "range " + range + " (hour " + hour + ", " + state + ")";
  }
}
