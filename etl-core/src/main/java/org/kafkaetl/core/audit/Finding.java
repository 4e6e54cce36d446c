package org.kafkaetl.core.audit;

import java.util.Objects;

/**
 * One problem the audit found: what kind, in which partition, where (a range, a file) and what
 * exactly (offsets, counts). docs/runbook.md says for each kind what it means and what to run.
 *
 * @param partition the Kafka partition, or {@link #NO_PARTITION} for a file that names none
 * @param where the range or file concerned, e.g. {@code range 100-200 (hour 2026112103)}
 */
public record Finding(Kind kind, int partition, String where, String what) {
  public static final int NO_PARTITION = -1;

  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(what, "what");
  }

  /** The kinds of problem, grouped by the check that finds them. */
  public enum Kind {
    // 1. tiling of etl_offsets
    /** Offsets in no etl_offsets row between two rows of a partition. */
    GAP,
    /** Offsets in two etl_offsets rows. */
    OVERLAP,
    /** A row still PLANNED, RUNNING or INCOMPLETE: its data is not (all) there. */
    NOT_FINAL,
    /** A LOST row without lost offsets in etl_lost_ranges, or lost offsets outside any LOST row. */
    LOST_MISMATCH,
    // 2. hourly files
    /** Offsets of a range in no data file, no error file and not lost. */
    MISSING,
    /** Offsets landed more than once (in data files, error files or both). */
    DUPLICATE,
    /** Records outside their file's range, of another partition, or at offsets recorded lost. */
    EXTRA,
    /** A file whose name matches no etl_offsets row, or a file the layout does not know. */
    UNEXPECTED_FILE,
    /** A file that is not readable Avro. */
    UNREADABLE,
    /** An hour directory is gone (cleanup) although a range of it was never merged. */
    HOUR_GONE,
    // 3. daily files
    /** A complete hourly file that no daily file holds. */
    NOT_MERGED,
    /** A ledger row whose range is not a COMPLETE or LOST row of etl_offsets. */
    LEDGER_RANGE,
    /** A daily file the ledger names is gone, or one the ledger does not know is there. */
    DAILY_FILE,
    /** Bytes of a daily file no ledger row accounts for, or ledger rows that overlap. */
    DAILY_BYTES,
    /** A daily file's records at an hourly file's bytes differ from that hourly file or the ledger. */
    DAILY_CONTENT,
    /** Offsets of a partition that do not strictly increase through its daily files. */
    DAILY_ORDER,
    // 4. against Kafka
    /** What landed differs from what Kafka still holds: counts, offsets or sampled content. */
    KAFKA_DIFFERS,
    // 5. the Hive table, for a topic with one
    /** The topic's table is missing, or not the table publishing makes (location, SerDe, formats, partition column). */
    TABLE,
    /** A daily file of the day the table's schema cannot read, or with fields the table has no column for. */
    TABLE_SCHEMA,
    /** The day's partition is missing, at another location or stale (revision), or says complete when the day is not. */
    TABLE_PARTITION
  }

  /** One line: {@code [GAP] partition 3, etl_offsets after 100-200 (hour …): offsets 200..209 (10 offsets) …}. */
  @Override
  public String toString() {
    String in = partition == NO_PARTITION ? "" : "partition " + partition + ", ";
    return "[" + kind + "] " + in + where + ": " + what;
  }
}
