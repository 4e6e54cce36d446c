package org.kafkaetl.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** An ETL hour in the configured time zone, written yyyyMMddHH in paths and on the command line. */
public record HourPartition(LocalDateTime start) implements Comparable<HourPartition> {
  public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHH");

  public HourPartition {
    if (!start.truncatedTo(ChronoUnit.HOURS).equals(start)) {
      throw new IllegalArgumentException("hour must start on the hour: " + start);
    }
  }

  public static HourPartition containing(Instant instant, ZoneId zone) {
    return new HourPartition(LocalDateTime.ofInstant(instant, zone).truncatedTo(ChronoUnit.HOURS));
  }

  /** Parses yyyyMMddHH; the message names the expected form. */
  public static HourPartition parse(String text) {
    try {
      return new HourPartition(LocalDateTime.parse(text, FORMAT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("invalid hour '" + text + "': expected yyyyMMddHH, e.g. 2026112103", e);
    }
  }

  public LocalDate date() {
    return start.toLocalDate();
  }

  public HourPartition previous() {
    return new HourPartition(start.minusHours(1));
  }

  @Override
  public int compareTo(HourPartition o) {
    return start.compareTo(o.start);
  }

  @Override
  public String toString() {
    return FORMAT.format(start);
  }
}
