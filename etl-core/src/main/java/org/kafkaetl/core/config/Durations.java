package org.kafkaetl.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them: ISO-8601 (PT10M) or a number with a unit (10m, 30s). */
final class Durations {
  static final String EXPECTED =
      "must be an ISO-8601 duration such as PT10M or a number with unit ms, s, m, h or d such as 10m";
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Map<String, ChronoUnit> UNITS = Map.of(
      "ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES,
      "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS);

  private Durations() {}

  static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      Matcher m = SHORT.matcher(t);
      if (m.matches()) {
        return Duration.of(Long.parseLong(m.group(1)), UNITS.get(m.group(2)));
      }
      return Duration.parse(t);
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(EXPECTED, e);
    }
  }
}
