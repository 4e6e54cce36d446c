package org.kafkaetl.core.offsets;

import org.kafkaetl.core.config.EtlConfig;

/** The names of the {@link RunLock}s, spelled once: who excludes whom. */
public final class LockNames {
  private LockNames() {}

  /** Hourly runs, reruns and cleanup of a work root: they all write or delete its hour directories. */
  public static String hourly(EtlConfig config) {
    return "kafka-etl.hourly:" + config.workRoot();
  }

  /** Merges of one topic into a warehouse root. */
  public static String merge(EtlConfig config, String topic) {
    return "kafka-etl.merge:" + config.warehouseRoot() + ":" + topic;
  }
}
