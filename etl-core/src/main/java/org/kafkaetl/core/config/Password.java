package org.kafkaetl.core.config;

import java.util.Objects;

/** A secret that must never reach a log, an error message or a generated file. */
public final class Password {
  public static final String HIDDEN = "[hidden]";
  private final String value;

  public Password(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public String value() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Password p && p.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return HIDDEN;
  }
}
