package org.kafkaetl.core.status;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.kafkaetl.core.HourPartition;

/**
 * Messages behind Kafka per topic and hour, as the commands of each hour measured them: an hour no
 * command measured has no value (the page leaves a gap rather than plotting zero).
 */
public record FleetLagHistory(Map<String, Map<HourPartition, Long>> messages) {
  /** Nothing read (no database, or it failed): the page says so. */
  public static final FleetLagHistory NOT_READ = new FleetLagHistory(null);

  public FleetLagHistory {
    if (messages != null) {
      Map<String, Map<HourPartition, Long>> copy = new HashMap<>();
      messages.forEach((topic, hours) -> copy.put(topic, Map.copyOf(hours)));
      messages = Map.copyOf(copy);
    }
  }

  public boolean isRead() {
    return messages != null;
  }

  /** The lag measured for a topic's hour, if any was. */
  public OptionalLong messagesBehind(String topic, HourPartition hour) {
    Long behind = messages == null ? null : messages.getOrDefault(topic, Map.of()).get(hour);
    return behind == null ? OptionalLong.empty() : OptionalLong.of(behind);
  }

  /** With {@code lag}, measured just now, as {@code hour}'s: what the page shows before it is kept. */
  public FleetLagHistory with(HourPartition hour, FleetLag lag) {
    if (lag.topics().isEmpty()) {
      return this;
    }
    Map<String, Map<HourPartition, Long>> merged = new HashMap<>();
    if (messages != null) {
      messages.forEach((topic, hours) -> merged.put(topic, new HashMap<>(hours)));
    }
    lag.topics().forEach((topic, l) -> merged.computeIfAbsent(topic, t -> new HashMap<>()).put(hour,
        l.messagesBehind()));
    return new FleetLagHistory(merged);
  }
}
