package org.kafkaetl.core.alert;

/**
 * Delivers alerts to people. Implementations must not throw for delivery problems: a failed alert
 * must never fail or hide the ETL result; they log and retry as they see fit.
 */
public interface AlertSender {
  void send(Alert alert);
}
