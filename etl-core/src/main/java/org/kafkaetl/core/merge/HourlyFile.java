package org.kafkaetl.core.merge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;

/**
 * A landed hourly data file: the records of one planned range whose event time falls on {@code date}.
 *
 * @param path full path (with scheme) of the file in the hour directory
 * @param incarnation the topic's incarnation the range's offsets belong to (a recreated topic
 *     restarts its offsets: a later incarnation's offsets come after all of an earlier one's)
 * @param modifiedAt the file's modification time (the file system's clock) when the merge listed it,
 *     which the ledger keeps to tell a later rewrite by a rerun; null when not known
 */
public record HourlyFile(KafkaEvent event, HourPartition hour, LocalDate date, String path, int incarnation,
    Instant modifiedAt) {
  /** Merge order within a partition: by incarnation, then by offset. */
  public static final Comparator<HourlyFile> IN_OFFSET_ORDER =
      Comparator.comparingInt(HourlyFile::incarnation).thenComparingLong(f -> f.event().range().begin());

  /** A file of the topic's first incarnation. */
  public HourlyFile(KafkaEvent event, HourPartition hour, LocalDate date, String path) {
    this(event, hour, date, path, 0);
  }

  /** A file whose modification time is not known. */
  public HourlyFile(KafkaEvent event, HourPartition hour, LocalDate date, String path, int incarnation) {
    this(event, hour, date, path, incarnation, null);
  }

  /** The same file as listed at {@code modifiedAt}. */
  public HourlyFile withModifiedAt(Instant modifiedAt) {
    return new HourlyFile(event, hour, date, path, incarnation, modifiedAt);
  }

  public int partition() {
    return event.partition().partition();
  }
}
