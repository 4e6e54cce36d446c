package org.kafkaetl.alerts;

import org.kafkaetl.core.alert.Alert;

/** One way of reaching people. Delivery may throw; {@link AlertDispatcher} contains it. */
interface Channel {
  String name();

  /** Whether this channel carries the alert at all (e.g. SMS only for critical ones). */
  default boolean wants(Alert alert) {
    return true;
  }

  /**
   * Whether a delivery here reaches someone who is not reading the log (SMS, webhook). An alert such
   * a channel wants counts as sent only once one of them delivered it.
   */
  default boolean pages() {
    return true;
  }

  /**
   * Delivers, or throws: {@link PartialDeliveryException} when only some recipients were reached
   * (the alert counts as delivered here), any other exception when none were.
   */
  void deliver(Alert alert);
}
