package org.kafkaetl.core.audit;

import java.time.LocalDate;
import java.util.Optional;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.offsets.RangeState;

/**
 * One etl_merge_ledger row, with the state of the etl_offsets row of the same range (empty when
 * etl_offsets has no such row).
 *
 * @param byteBegin where the hourly file's blocks start in the daily file
 * @param byteEnd where they end (exclusive)
 * @param incarnation the topic's incarnation of the range (a recreated topic restarts its offsets)
 */
public record LedgerRow(int partition, OffsetRange range, LocalDate date, HourPartition hour, String hourlyPath,
    String dailyPath, int part, String dailyFileId, long byteBegin, long byteEnd, long records,
    Optional<RangeState> rangeState, int incarnation) {

  /** A row of the topic's first incarnation. */
  public LedgerRow(int partition, OffsetRange range, LocalDate date, HourPartition hour, String hourlyPath,
      String dailyPath, int part, String dailyFileId, long byteBegin, long byteEnd, long records,
      Optional<RangeState> rangeState) {
    this(partition, range, date, hour, hourlyPath, dailyPath, part, dailyFileId, byteBegin, byteEnd, records,
        rangeState, 0);
  }

  /** {@code hourly file …/t.0.100-200.avro (bytes 500-900 of part 0)}. */
  public String describe() {
    return "hourly file " + hourlyPath + " (bytes " + byteBegin + "-" + byteEnd + " of " + dailyPath + ")";
  }
}
