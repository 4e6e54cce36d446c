package org.kafkaetl.core.merge;

import java.time.LocalDate;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;

/**
 * A landed hourly data file: the records of one planned range whose event time falls on {@code date}.
 *
 * @param path full path (with scheme) of the file in the hour directory
 */
public record HourlyFile(KafkaEvent event, HourPartition hour, LocalDate date, String path) {
  public int partition() {
    return event.partition().partition();
  }
}
