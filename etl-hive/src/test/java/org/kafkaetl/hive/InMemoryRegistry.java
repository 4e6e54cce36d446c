package org.kafkaetl.hive;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link PartitionRegistry} in memory, as etl_catalog_partitions keeps it. */
final class InMemoryRegistry implements PartitionRegistry {
  final Map<String, Registered> registered = new TreeMap<>();
  final Map<String, Pending> pending = new TreeMap<>();

  @Override
  public Optional<Registered> registered(String topic, LocalDate day) {
    return Optional.ofNullable(registered.get(topic + "/" + day));
  }

  @Override
  public void markRegistered(String topic, LocalDate day, String table, Registered state, Instant at) {
    registered.put(topic + "/" + day, state);
    pending.remove(topic + "/" + day);
  }

  @Override
  public void markPending(String topic, LocalDate day, String table, String reason, Instant at) {
    Pending before = pending.get(topic + "/" + day);
    pending.put(topic + "/" + day, new Pending(topic, day, table, before == null ? at : before.since(), reason));
  }

  @Override
  public List<Pending> pending() {
    return new ArrayList<>(pending.values());
  }
}
