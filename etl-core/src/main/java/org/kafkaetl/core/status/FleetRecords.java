package org.kafkaetl.core.status;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.kafkaetl.core.HourPartition;

/**
 * Records landed per topic and hour, for the page's plots. Kept apart from {@link FleetStatus}
 * because it costs a read of every range row of the window, which the text and JSON views do not
 * pay for.
 */
public record FleetRecords(Map<String, Map<HourPartition, Long>> perTopic) {
  /** Nothing read: the page says so instead of plotting zeros. */
  public static final FleetRecords NOT_READ = new FleetRecords(null);

  public FleetRecords {
    if (perTopic != null) {
      Map<String, Map<HourPartition, Long>> copy = new HashMap<>();
      perTopic.forEach((topic, hours) -> copy.put(topic, Map.copyOf(hours)));
      perTopic = Map.copyOf(copy);
    }
  }

  public boolean isRead() {
    return perTopic != null;
  }

  /** The records of a topic's hour: 0 for an hour without ranges; empty if nothing was read. */
  public OptionalLong of(String topic, HourPartition hour) {
    if (perTopic == null) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(perTopic.getOrDefault(topic, Map.of()).getOrDefault(hour, 0L));
  }
}
