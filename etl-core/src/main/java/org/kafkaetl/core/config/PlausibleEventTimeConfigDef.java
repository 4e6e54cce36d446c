package org.kafkaetl.core.config;

import static org.kafkaetl.core.config.Importance.LOW;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Which event times are implausible: counted per range, alerted per topic with the likely cause,
 * pushed as a metric. Declared apart from {@link EtlConfigDef}, which lists these keys with its own.
 */
public final class PlausibleEventTimeConfigDef {
  public static final ConfigKey<LocalDate> MIN = ConfigKey.withDefault(
      "etl.event.time.min", ConfigType.DATE, "2000-01-01", LOW,
      "Event times before the start (UTC) of this date are implausible: each run counts them per range (in its"
          + " report), per topic, and sends a WARNING alert per topic naming the count, an example offset and the"
          + " likely cause (epoch seconds in a millisecond field, a timestamp of 0, microseconds...); they are"
          + " pushed as kafka_etl_implausible_event_times. Where such records land does not change: that is"
          + " etl.event.time.out.of.window's. Set it to the first day the pipeline's producers could have written.")
      .validatedBy(d -> d.isAfter(LocalDate.of(1970, 1, 1)) ? Optional.empty()
          : Optional.of("must be after 1970-01-01, or timestamp 0 would count as plausible"));
  public static final ConfigKey<Duration> MAX_SKEW = ConfigKey.withDefault(
      "etl.event.time.max.skew", ConfigType.DURATION, "1d", LOW,
      "Event times more than this after the end of the run's hour are implausible (see etl.event.time.min):"
          + " a producer clock this far ahead, or a time in micro- or nanoseconds.")
      .validatedBy(Validator.durationAtMost(EventTimeWindow.LONGEST_AHEAD));

  private static final List<ConfigKey<?>> GLOBAL_KEYS = List.of(MIN, MAX_SKEW);

  private PlausibleEventTimeConfigDef() {}

  /** The keys set once per file, in documentation order. */
  public static List<ConfigKey<?>> globalKeys() {
    return GLOBAL_KEYS;
  }
}
