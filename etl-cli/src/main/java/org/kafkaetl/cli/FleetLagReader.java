package org.kafkaetl.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.config.Secrets;
import org.kafkaetl.core.offsets.StoredPosition;
import org.kafkaetl.core.plan.KafkaOffsetsNow;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.core.plan.PartitionOffsetsSource;
import org.kafkaetl.core.status.FleetLag;
import org.kafkaetl.core.status.MessageTimes;
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
  private final MessageTimes times;

  /** Lag in messages only. */
  FleetLagReader(EtlConfig config, Supplier<PartitionOffsetsSource> kafka, PlannedEnds planned) {
    this(config, kafka, planned, MessageTimes.NONE);
  }

  /** @param times Kafka's timestamps, for the age of each topic's oldest message not landed */
  FleetLagReader(EtlConfig config, Supplier<PartitionOffsetsSource> kafka, PlannedEnds planned, MessageTimes times) {
    this.config = config;
    this.kafka = kafka;
    this.planned = planned;
    this.times = times;
  }

  FleetLag measure(List<TopicHour> hours) {
    KafkaOffsetsNow now;
    try (PartitionOffsetsSource source = kafka.get()) {
      now = source.read(config.topicNames());
    } catch (RuntimeException e) {
      return FleetLag.unavailable(Secrets.display("message", "Kafka did not answer (" + e.getMessage()
          + "), so lag is not known"));
    }
    Map<TopicPartition, StoredPosition> positions;
    try {
      positions = planned.positions(config.topicNames());
    } catch (RuntimeException e) {
      return FleetLag.unavailable(Secrets.display("message", "the database did not answer (" + e.getMessage()
          + "), so lag is not known"));
    }
    Set<String> read = new HashSet<>();
    positions.keySet().forEach(tp -> read.add(tp.topic()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (KafkaPartitionOffsets p : now.partitions()) {
      StoredPosition position = positions.get(p.partition());
      if (position != null && !position.recreatedAs(p.topicId())) {
        ends.put(p.partition(), position.end());
      } else if (position != null || read.contains(p.partition().topic())) {
        // As the planner does: a recreated topic, and a new partition of a topic already read, are
        // read from their earliest offset whatever etl.new.partition.start says.
        ends.put(p.partition(), p.earliest());
      }
    }
    return FleetLag.measure(config.topicNames(), now, ends, hours, config.newPartitionStart(), times,
        config.plausibleEventTimes(), java.time.Instant.now());
  }
}
