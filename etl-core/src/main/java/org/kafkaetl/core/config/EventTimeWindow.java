package org.kafkaetl.core.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import org.kafkaetl.core.HourPartition;

/**
 * Event times a topic may sensibly have, relative to the hour of the run that reads it: from
 * {@code maxAge} before the hour's start up to {@code maxAhead} after its end. Relative to the run
 * hour, not the clock, so a rerun of an old hour routes every record exactly as the first read did.
 *
 * @param policy what happens to a record outside the window
 */
public record EventTimeWindow(Duration maxAge, Duration maxAhead, OutOfWindowPolicy policy) {
  /** Keeps the window's start after the quarantine date 1970-01-01 for any hour from 2021 on. */
  public static final Duration LONGEST_AGE = Duration.ofDays(18_250);
  public static final Duration LONGEST_AHEAD = Duration.ofDays(3_650);

  public EventTimeWindow {
    Objects.requireNonNull(policy, "policy");
    requireWithin(maxAge, LONGEST_AGE, "maxAge");
    requireWithin(maxAhead, LONGEST_AHEAD, "maxAhead");
  }

  /** Epoch-millis bounds of the window for a run hour. */
  public Bounds bounds(HourPartition hour, ZoneId zone) {
    long hourStart = hour.start().atZone(zone).toInstant().toEpochMilli();
    return new Bounds(hourStart - maxAge.toMillis(), hourStart + Duration.ofHours(1).plus(maxAhead).toMillis());
  }

  /** @param startMillis first allowed event time @param endMillis first event time too far ahead */
  public record Bounds(long startMillis, long endMillis) {
    public boolean contains(long eventMillis) {
      return eventMillis >= startMillis && eventMillis < endMillis;
    }
  }

  private static void requireWithin(Duration d, Duration longest, String what) {
    if (Objects.requireNonNull(d, what).isNegative() || d.isZero() || d.compareTo(longest) > 0) {
      throw new IllegalArgumentException(what + " must be longer than zero and at most " + longest.toDays()
          + " days, got " + d);
    }
  }
}
