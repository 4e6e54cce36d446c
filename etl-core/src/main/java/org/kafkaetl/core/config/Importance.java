package org.kafkaetl.core.config;

/** How likely an operator must set or review a key; orders attention in the docs. */
public enum Importance {
  HIGH,
  MEDIUM,
  LOW
}
