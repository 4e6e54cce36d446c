package org.kafkaetl.core.merge;

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
 */
public record HourlyFile(KafkaEvent event, HourPartition hour, LocalDate date, String path, int incarnation) {
  /** Merge order within a partition: by incarnation, then by offset. */
  public static final Comparator<HourlyFile> IN_OFFSET_ORDER =
      Comparator.comparingInt(HourlyFile::incarnation).thenComparingLong(f -> f.event().range().begin());

  /** A file of the topic's first incarnation. */
  public HourlyFile(KafkaEvent event, HourPartition hour, LocalDate date, String path) {
    this(event, hour, date, path, 0);
  }

  public int partition() {
    return event.partition().partition();
  }
}
