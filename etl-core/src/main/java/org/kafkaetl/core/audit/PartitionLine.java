package org.kafkaetl.core.audit;

/** One partition's numbers in the audit table, added up range by range and daily file by daily file. */
public final class PartitionLine {
  private final int partition;
  private long ranges;
  private long expected;
  private long landed;
  private long errors;
  private long lost;
  private long duplicates;
  private long missing;
  private long extra;
  private long daily;

  public PartitionLine(int partition) {
    this.partition = partition;
  }

  public int partition() {
    return partition;
  }

  /** Adds one etl_offsets row that was tallied against its files. */
  public void add(RangeResult r) {
    ranges++;
    expected += r.expected();
    landed += r.data();
    errors += r.errors();
    lost += r.lost();
    duplicates += r.duplicates();
    missing += r.missing();
    extra += r.extra();
  }

  /** Adds a row whose files could not be tallied (not final, hour cleaned up): counted, not compared. */
  public void addUntallied() {
    ranges++;
  }

  public void addDaily(long records) {
    daily += records;
  }

  long[] columns() {
    return new long[] {partition, ranges, expected, landed, errors, lost, duplicates, missing, extra, daily};
  }
}
