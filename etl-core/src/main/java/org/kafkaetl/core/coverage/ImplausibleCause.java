package org.kafkaetl.core.coverage;

import java.util.Optional;
import org.kafkaetl.core.config.PlausibleEventTimes;

/**
 * Why an event time is implausible ({@link PlausibleEventTimes}), as far as its value tells: a time
 * that becomes plausible when read in another unit was most likely written in that unit.
 */
public enum ImplausibleCause {
  ZERO("a time of 0: none was set (a field or producer defaulting to 0, or Kafka timestamp 0)"),
  NEGATIVE("a negative time: none was set (Kafka's \"no timestamp\" is -1)"),
  EPOCH_SECONDS("epoch seconds in a millisecond field: times 1000 it is plausible"),
  EPOCH_MICROSECONDS("epoch microseconds in a millisecond field: divided by 1000 it is plausible"),
  EPOCH_NANOSECONDS("epoch nanoseconds in a millisecond field: divided by 1000000 it is plausible"),
  BEFORE_MIN("before etl.event.time.min, in no other unit plausible either"),
  TOO_FAR_AHEAD("more than etl.event.time.max.skew after the run's hour: a producer clock ahead");

  private final String likely;

  ImplausibleCause(String likely) {
    this.likely = likely;
  }

  /** What most likely produced such a time, in words for an alert. */
  public String likely() {
    return likely;
  }

  /** Empty when the time is plausible. */
  public static Optional<ImplausibleCause> of(long millis, PlausibleEventTimes.Bounds bounds) {
    if (bounds.contains(millis)) {
      return Optional.empty();
    }
    if (millis == 0) {
      return Optional.of(ZERO);
    }
    if (millis < 0) {
      return Optional.of(NEGATIVE);
    }
    if (millis < bounds.earliestMillis()) {
      // No overflow: a time below the earliest plausible one is far below Long.MAX_VALUE / 1000.
      return Optional.of(bounds.contains(millis * 1000) ? EPOCH_SECONDS : BEFORE_MIN);
    }
    if (bounds.contains(millis / 1000)) {
      return Optional.of(EPOCH_MICROSECONDS);
    }
    return Optional.of(bounds.contains(millis / 1_000_000) ? EPOCH_NANOSECONDS : TOO_FAR_AHEAD);
  }
}
