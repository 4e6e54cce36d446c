package org.kafkaetl.core.config;

import java.util.OptionalLong;

/**
 * A topic's split threshold as configured: a fixed number of messages, or auto (derived each run from
 * the topic's measured rate and etl.target.run.time).
 *
 * @param fixed the fixed threshold; empty for auto
 */
public record SplitThreshold(OptionalLong fixed) {
  public static final SplitThreshold AUTO = new SplitThreshold(OptionalLong.empty());
  static final String AUTO_TEXT = "auto";

  public static SplitThreshold of(long messages) {
    return new SplitThreshold(OptionalLong.of(messages));
  }

  public boolean isAuto() {
    return fixed.isEmpty();
  }

  static SplitThreshold parse(String text) {
    if (text.trim().equalsIgnoreCase(AUTO_TEXT)) {
      return AUTO;
    }
    try {
      return of(Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number or auto", e);
    }
  }

  String format() {
    return isAuto() ? AUTO_TEXT : String.valueOf(fixed.getAsLong());
  }
}
