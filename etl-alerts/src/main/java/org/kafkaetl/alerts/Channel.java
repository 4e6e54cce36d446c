package org.kafkaetl.alerts;

import org.kafkaetl.core.alert.Alert;

/** One way of reaching people. Delivery may throw; {@link AlertDispatcher} contains it. */
interface Channel {
  String name();

  /** Whether this channel carries the alert at all (e.g. SMS only for critical ones). */
  default boolean wants(Alert alert) {
    return true;
  }

  void deliver(Alert alert);
}
