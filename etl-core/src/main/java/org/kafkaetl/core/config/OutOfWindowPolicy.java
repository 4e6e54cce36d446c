package org.kafkaetl.core.config;

/** What happens to a record whose event time is outside its topic's {@link EventTimeWindow}. */
public enum OutOfWindowPolicy {
  /** To the error file, with the time and the window in its reason. */
  ERROR,
  /** Routed by its Kafka timestamp instead; to the error file if that is outside the window too. */
  KAFKA_TIME,
  /** Landed under the fixed quarantine date {@code 1970-01-01} (see WorkLayout.QUARANTINE_DATE). */
  QUARANTINE
}
