package org.kafkaetl.core.audit;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.OffsetRange;

/**
 * What the database recorded, read for the audit with its own queries (never through the
 * offset store or merge ledger the writers use). Read-only. Every method may throw {@link
 * org.kafkaetl.core.RetriableException} when the database is unreachable.
 */
public interface AuditSource {

  /** The etl_offsets rows of a topic planned in hours {@code from} to {@code to}, by partition and begin. */
  List<RangeRow> ranges(String topic, HourPartition from, HourPartition to);

  /**
   * Per partition of {@code firstBegins} (partition → the begin of its first row in the window), the
   * end of its row, in the topic's {@code incarnation}, with the largest begin below that; if the
   * rows before were removed past retention, where they ended; absent if none. One answer for all
   * partitions: asked one partition at a time, 100 000 partitions took minutes. {@code windowFrom} is
   * the window's first hour: most partitions' row before is in the hour before it.
   */
  Map<Integer, Long> endsBefore(String topic, int incarnation, HourPartition windowFrom,
      Map<Integer, Long> firstBegins);

  /** Where partitions start in the topic's {@code incarnation} (etl_partition_starts). */
  Map<Integer, Long> partitionStarts(String topic, int incarnation);

  /** etl_lost_ranges of the topic's {@code incarnation} per partition, in offset order. */
  Map<Integer, List<OffsetRange>> lostRanges(String topic, int incarnation);

  /** The merge ledger of a topic's date, by partition, part and byte position. */
  List<LedgerRow> ledger(String topic, LocalDate date);

  /** The merge ledger rows of hourly files from hour directories {@code from} to {@code to}. */
  List<LedgerRow> ledgerOfHours(String topic, HourPartition from, HourPartition to);
}
