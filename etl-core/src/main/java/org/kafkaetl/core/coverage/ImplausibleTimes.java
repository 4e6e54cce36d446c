package org.kafkaetl.core.coverage;

import java.util.Objects;

/**
 * The records of one range whose event time was implausible for one cause, in its report.
 *
 * @param count how many
 * @param exampleOffset the Kafka offset of the first of them
 * @param exampleMillis its event time, as the record gave it
 */
public record ImplausibleTimes(ImplausibleCause cause, long count, long exampleOffset, long exampleMillis) {
  public ImplausibleTimes {
    Objects.requireNonNull(cause, "cause");
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive, got " + count);
    }
  }

  /** The same cause counted on: the example stays the first one. */
  public ImplausibleTimes plus(ImplausibleTimes more) {
    return new ImplausibleTimes(cause, count + more.count, exampleOffset, exampleMillis);
  }
}
