package org.kafkaetl.core.status;

import java.time.Instant;
import java.util.Collection;
import org.kafkaetl.core.HourPartition;

/** Each topic's lag as measured after each command, kept per hour so the page can plot it over its window. */
public interface LagHistory {
  /** Keeps nothing and has nothing to show. */
  LagHistory NONE = new LagHistory() {
    @Override
    public void record(HourPartition hour, Instant measuredAt, FleetLag lag) {}

    @Override
    public FleetLagHistory read(Collection<String> topics, HourPartition from, HourPartition to) {
      return FleetLagHistory.NOT_READ;
    }
  };

  /** Keeps each measured topic's lag as the hour's; a later measurement of the same hour replaces it. */
  void record(HourPartition hour, Instant measuredAt, FleetLag lag);

  /** The lag kept for the topics' hours from {@code from} to {@code to}, both included. */
  FleetLagHistory read(Collection<String> topics, HourPartition from, HourPartition to);
}
