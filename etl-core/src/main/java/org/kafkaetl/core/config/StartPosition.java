package org.kafkaetl.core.config;

/** Where reading starts for a partition the offset store has never seen. */
public enum StartPosition {
  /** Land everything Kafka still retains. */
  EARLIEST,
  /** Land only messages arriving from now on. */
  LATEST
}
