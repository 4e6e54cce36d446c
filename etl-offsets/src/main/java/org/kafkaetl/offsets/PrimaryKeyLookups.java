package org.kafkaetl.offsets;

/**
 * The statements that find etl_offsets rows through the primary key {@code (hour, topic,
 * kafka_partition, incarnation, begin_offset)} where the begin index (dropped by V32) served before,
 * for checking their plans against a real server: a plan that leaves the key reads every row kept.
 */
public final class PrimaryKeyLookups {
  private PrimaryKeyLookups() {}

  /** The lost-range insert of a run's outcome: the row holding the range, in the hour of its row. */
  public static String lostRangeOfRunRead() {
    return String.format(JdbcRangeOutcomes.INSERT_LOST, JdbcRangeOutcomes.READ_BY);
  }

  /** A rerun's mark on each range it reads again. */
  public static String markRereading() {
    return JdbcRangeOutcomes.MARK_REREADING;
  }

  /** Pruning: the hours before retention that have rows. */
  public static String pruningHours() {
    return JdbcHistoryPruning.HOURS_BEFORE;
  }

  /** Pruning: one topic's rows of one hour. */
  public static String pruningRowsOfHour() {
    return JdbcHistoryPruning.ROWS_OF_HOUR;
  }

  /** Pruning: one removed row. */
  public static String pruningDelete() {
    return JdbcHistoryPruning.DELETE_RANGE;
  }

  /** The audit's walk back: one day of rows of an incarnation of a span of partitions. */
  public static String auditRowsOfDay(String topic, org.kafkaetl.core.HourPartition from,
      org.kafkaetl.core.HourPartition to) {
    return JdbcAuditSource.rowsOfDayStatement(new HoursOfTopic(topic, from, to));
  }
}
