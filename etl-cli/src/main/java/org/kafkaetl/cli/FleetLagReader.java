package org.kafkaetl.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.offsets.StoredPosition;
import org.kafkaetl.core.plan.KafkaOffsetsNow;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.core.plan.PartitionOffsetsSource;
import org.kafkaetl.core.status.FleetLag;
import org.kafkaetl.core.status.TopicHour;

/**
 * Measures the fleet's lag: Kafka's latest offsets now against where each partition's planned ranges
 * end. Kafka or the database not answering makes the lag unknown, with the reason; it never fails
 * the status, whose first use is finding out what is broken.
 */
final class FleetLagReader {
  /** Where each partition's current incarnation ends: the end of its last planned range. */
  interface PlannedEnds {
    Map<TopicPartition, StoredPosition> positions(List<String> topics);
  }

  private final EtlConfig config;
  private final Supplier<PartitionOffsetsSource> kafka;
  private final PlannedEnds planned;

  FleetLagReader(EtlConfig config, Supplier<PartitionOffsetsSource> kafka, PlannedEnds planned) {
    this.config = config;
    this.kafka = kafka;
    this.planned = planned;
  }

  FleetLag measure(List<TopicHour> hours) {
    KafkaOffsetsNow now;
    try (PartitionOffsetsSource source = kafka.get()) {
      now = source.read(config.topicNames());
    } catch (RuntimeException e) {
      return FleetLag.unavailable("Kafka did not answer (" + e.getMessage() + "), so lag is not known");
    }
    Map<TopicPartition, StoredPosition> positions;
    try {
      positions = planned.positions(config.topicNames());
    } catch (RuntimeException e) {
      return FleetLag.unavailable("the database did not answer (" + e.getMessage() + "), so lag is not known");
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (KafkaPartitionOffsets p : now.partitions()) {
      StoredPosition position = positions.get(p.partition());
      // A recreated topic starts again from its earliest offset, as the next run will.
      if (position != null && !position.recreatedAs(p.topicId())) {
        ends.put(p.partition(), position.end());
      }
    }
    return FleetLag.measure(config.topicNames(), now, ends, hours, config.newPartitionStart());
  }
}
