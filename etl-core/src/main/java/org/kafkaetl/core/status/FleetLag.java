package org.kafkaetl.core.status;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.StartPosition;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.plan.KafkaOffsetsNow;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.core.plan.TopicUnavailable;

/**
 * How far each topic's landed data is behind Kafka, in messages: what no run has planned yet
 * (Kafka's latest offset past the end of the last range planned) plus what was planned in the
 * window and has not landed (planned, running, or the part of an incomplete range not read). It is
 * measured when the status is read; its history is what the Pushgateway keeps.
 *
 * @param topics per topic, in the configured order; a topic Kafka did not answer for is absent
 * @param notes why some or all of it could not be measured (Kafka unreachable, a topic missing);
 *     empty when every topic was measured
 */
public record FleetLag(Map<String, TopicLag> topics, List<String> notes) {

  /** A status read without asking Kafka. */
  public static final FleetLag NOT_MEASURED = new FleetLag(Map.of(), List.of("lag was not measured"));

  public FleetLag {
    topics = Collections.unmodifiableMap(new LinkedHashMap<>(topics));
    notes = List.copyOf(notes);
  }

  /**
   * One topic's lag.
   *
   * @param notPlanned messages past the end of the last range planned, summed over partitions
   * @param plannedNotLanded messages of the window's ranges that are planned, running, or incomplete
   *     and not read
   * @param partitionsBehind partitions with any of either
   */
  public record TopicLag(String topic, long notPlanned, long plannedNotLanded, int partitionsBehind) {
    public long messagesBehind() {
      return notPlanned + plannedNotLanded;
    }
  }

  /** Lag could not be measured at all, for this reason. */
  public static FleetLag unavailable(String reason) {
    return new FleetLag(Map.of(), List.of(reason));
  }

  public Optional<TopicLag> of(String topic) {
    return Optional.ofNullable(topics.get(topic));
  }

  /**
   * @param topics the configured topics, in the order to show
   * @param kafka what Kafka holds now
   * @param planned per partition, where the next run starts reading it: the end of the last range
   *     planned for its current incarnation, or the earliest offset of a recreated topic or of a new
   *     partition of a topic already read
   * @param hours the window's hours, whose not-complete ranges count as planned and not landed
   * @param newPartitions where the next run starts the partitions of a topic no range was planned for
   */
  public static FleetLag measure(Collection<String> topics, KafkaOffsetsNow kafka,
      Map<TopicPartition, Long> planned, List<TopicHour> hours, StartPosition newPartitions) {
    Map<String, long[]> sums = new LinkedHashMap<>();
    Map<String, Set<Integer>> behind = new LinkedHashMap<>();
    topics.forEach(t -> {
      sums.put(t, new long[2]);
      behind.put(t, new TreeSet<>());
    });
    for (KafkaPartitionOffsets p : kafka.partitions()) {
      long[] sum = sums.get(p.partition().topic());
      if (sum == null) {
        continue;
      }
      Long end = planned.get(p.partition());
      long from = end != null ? Math.max(end, p.earliest())
          : newPartitions == StartPosition.EARLIEST ? p.earliest() : p.latest();
      long notPlanned = Math.max(0, p.latest() - from);
      sum[0] += notPlanned;
      if (notPlanned > 0) {
        behind.get(p.partition().topic()).add(p.partition().partition());
      }
    }
    for (TopicHour hour : hours) {
      long[] sum = sums.get(hour.topic());
      if (sum == null) {
        continue;
      }
      for (RangeRecord r : hour.notComplete()) {
        long unread = switch (r.state()) {
          case PLANNED, RUNNING -> r.event().range().count();
          case INCOMPLETE -> Math.max(0, r.event().range().end() - Math.max(r.reached(), r.event().range().begin()));
          default -> 0;
        };
        sum[1] += unread;
        if (unread > 0) {
          behind.get(hour.topic()).add(r.event().partition().partition());
        }
      }
    }
    List<String> notes = new ArrayList<>();
    Set<String> unanswered = new HashSet<>();
    for (TopicUnavailable u : kafka.unavailable()) {
      // Part of a topic unknown is the topic's lag unknown: a sum without those partitions would
      // read as caught up while a broker is down.
      notes.add("topic " + u.topic() + ": " + u.cause().text() + (u.wholeTopic() ? ""
          : " for partition(s) " + u.partitions()) + ", so its lag is not known");
      unanswered.add(u.topic());
    }
    Map<String, TopicLag> lags = new LinkedHashMap<>();
    sums.forEach((topic, sum) -> {
      if (!unanswered.contains(topic)) {
        lags.put(topic, new TopicLag(topic, sum[0], sum[1], behind.get(topic).size()));
      }
    });
    return new FleetLag(lags, notes);
  }
}
