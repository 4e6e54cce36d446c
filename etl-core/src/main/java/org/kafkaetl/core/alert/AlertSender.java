package org.kafkaetl.core.alert;

/**
 * Delivers alerts to people. Implementations must not throw for delivery problems: a failed alert
 * must never fail or hide the ETL result; they log and retry as they see fit.
 */
public interface AlertSender {
  void send(Alert alert);

  /**
   * Tells whoever was paged for incidents whose key starts with {@code keyPrefix} that they are over
   * ({@code summary} says how); incidents never sent, or already resolved, get nothing. A sender
   * without a history (a log) has nobody to tell.
   */
  default void resolve(String keyPrefix, String summary) {
    resolve(keyPrefix, key -> true, summary);
  }

  /** As {@link #resolve(String, String)}, for only the incidents whose whole key {@code over} accepts. */
  default void resolve(String keyPrefix, java.util.function.Predicate<String> over, String summary) {}
}
