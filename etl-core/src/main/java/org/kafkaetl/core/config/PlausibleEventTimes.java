package org.kafkaetl.core.config;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import org.kafkaetl.core.HourPartition;

/**
 * Event times a record may sensibly carry, whatever its topic's window lets land: from the start
 * (UTC) of {@code earliest} to {@code maxSkew} after the end of the run's hour. Outside them a time is
 * most likely a unit mistake (epoch seconds in a millisecond field) or no time at all (0), and is
 * counted and alerted; where the record lands is still the window's business.
 */
public record PlausibleEventTimes(LocalDate earliest, Duration maxSkew) {
  public static final PlausibleEventTimes DEFAULT = new PlausibleEventTimes(LocalDate.of(2000, 1, 1), Duration.ofDays(1));

  public PlausibleEventTimes {
    Objects.requireNonNull(earliest, "earliest");
    if (Objects.requireNonNull(maxSkew, "maxSkew").isNegative()) {
      throw new IllegalArgumentException("maxSkew must not be negative, got " + maxSkew);
    }
  }

  /** Relative to the run hour, not the clock, so a rerun of an old hour counts as the first read did. */
  public Bounds bounds(HourPartition hour, java.time.ZoneId zone) {
    long hourEnd = hour.start().plusHours(1).atZone(zone).toInstant().toEpochMilli();
    return new Bounds(earliest.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(), hourEnd + maxSkew.toMillis());
  }

  /** Relative to an instant, for messages read now rather than in a run's hour. */
  public Bounds bounds(java.time.Instant now) {
    return new Bounds(earliest.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
        now.toEpochMilli() + maxSkew.toMillis());
  }

  /** @param earliestMillis first plausible time @param latestMillis last plausible time */
  public record Bounds(long earliestMillis, long latestMillis) {
    public boolean contains(long millis) {
      return millis >= earliestMillis && millis <= latestMillis;
    }
  }
}
