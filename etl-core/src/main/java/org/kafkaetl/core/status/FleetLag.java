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
import org.kafkaetl.core.config.PlausibleEventTimes;
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
 * @param mostBehind per partition the messages not landed, for at most {@value #AGED_PARTITIONS}
 *     partitions of each measured topic, those most behind: a bounded view per partition (a metric
 *     series each), whatever the topic's partition count
 */
public record FleetLag(Map<String, TopicLag> topics, List<String> notes, Map<TopicPartition, Long> mostBehind) {

  /** A status read without asking Kafka. */
  public static final FleetLag NOT_MEASURED = new FleetLag(Map.of(), List.of("lag was not measured"));

  public FleetLag {
    topics = Collections.unmodifiableMap(new LinkedHashMap<>(topics));
    notes = List.copyOf(notes);
    mostBehind = Map.copyOf(mostBehind);
  }

  /** Lag per topic only. */
  public FleetLag(Map<String, TopicLag> topics, List<String> notes) {
    this(topics, notes, Map.of());
  }

  /**
   * One topic's lag.
   *
   * @param notPlanned messages past the end of the last range planned, summed over partitions
   * @param plannedNotLanded messages of the window's ranges that are planned, running, or incomplete
   *     and not read
   * @param partitionsBehind partitions with any of either
   * @param oldestSeconds how long the oldest message not landed has been in Kafka, by its Kafka
   *     timestamp, among the {@value #AGED_PARTITIONS} partitions most behind; empty when not measured
   */
  public record TopicLag(String topic, long notPlanned, long plannedNotLanded, int partitionsBehind,
      java.util.OptionalLong oldestSeconds) {
    public TopicLag(String topic, long notPlanned, long plannedNotLanded, int partitionsBehind) {
      this(topic, notPlanned, plannedNotLanded, partitionsBehind, java.util.OptionalLong.empty());
    }

    public long messagesBehind() {
      return notPlanned + plannedNotLanded;
    }
  }

  /**
   * Per topic, how many partitions (the most behind) are asked for the timestamp of their first
   * message not landed: the oldest is nearly always in the largest backlog, and a fetch per partition
   * of every topic would make the status of a big fleet slow.
   */
  public static final int AGED_PARTITIONS = 10;

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
    return measure(topics, kafka, planned, hours, newPartitions, MessageTimes.NONE, PlausibleEventTimes.DEFAULT,
        java.time.Instant.EPOCH);
  }

  /**
   * The same, with the age of each topic's oldest message not landed.
   *
   * @param times Kafka's timestamps of the first messages not landed of the partitions most behind
   * @param plausible which of those timestamps a clock could have given: the first such dates the backlog
   * @param now what the age is counted to
   */
  public static FleetLag measure(Collection<String> topics, KafkaOffsetsNow kafka,
      Map<TopicPartition, Long> planned, List<TopicHour> hours, StartPosition newPartitions, MessageTimes times,
      PlausibleEventTimes plausible, java.time.Instant now) {
    Backlog backlog = new Backlog();
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
        backlog.add(p.partition(), from, notPlanned);
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
          backlog.add(r.event().partition(), r.event().range().end() - unread, unread);
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
    Map<TopicPartition, Long> mostBehind = backlog.mostBehind(unanswered);
    Map<String, java.util.OptionalLong> ages = backlog.oldestSeconds(kafka, times, plausible.bounds(now), now);
    Map<String, TopicLag> lags = new LinkedHashMap<>();
    sums.forEach((topic, sum) -> {
      if (!unanswered.contains(topic)) {
        lags.put(topic, new TopicLag(topic, sum[0], sum[1], behind.get(topic).size(),
            ages.getOrDefault(topic, java.util.OptionalLong.empty())));
      }
    });
    return new FleetLag(lags, notes, mostBehind);
  }

  /** Per partition, its first offset not landed and how many messages it has not landed. */
  private static final class Backlog {
    private final Map<TopicPartition, long[]> partitions = new java.util.HashMap<>();

    void add(TopicPartition partition, long firstNotLanded, long messages) {
      partitions.merge(partition, new long[] {firstNotLanded, messages},
          (a, b) -> new long[] {Math.min(a[0], b[0]), a[1] + b[1]});
    }

    /** Per partition its messages not landed, for the {@value #AGED_PARTITIONS} most behind of each topic. */
    Map<TopicPartition, Long> mostBehind(Set<String> unanswered) {
      Map<TopicPartition, Long> most = new java.util.HashMap<>();
      byTopicMostBehindFirst().forEach((topic, ofTopic) -> {
        if (!unanswered.contains(topic)) {
          ofTopic.forEach(e -> most.put(e.getKey(), e.getValue()[1]));
        }
      });
      return most;
    }

    /** Per topic its {@value #AGED_PARTITIONS} partitions most behind, most first (ties: lower partition first). */
    private Map<String, List<Map.Entry<TopicPartition, long[]>>> byTopicMostBehindFirst() {
      Map<String, List<Map.Entry<TopicPartition, long[]>>> byTopic = new java.util.HashMap<>();
      partitions.entrySet().stream()
          .collect(java.util.stream.Collectors.groupingBy(e -> e.getKey().topic()))
          .forEach((topic, ofTopic) -> byTopic.put(topic, ofTopic.stream()
              .sorted(java.util.Comparator.comparingLong((Map.Entry<TopicPartition, long[]> e) -> -e.getValue()[1])
                  .thenComparingInt(e -> e.getKey().partition()))
              .limit(AGED_PARTITIONS).toList()));
      return byTopic;
    }

    /**
     * Per topic, the age of its oldest message not landed among its partitions most behind. Only
     * offsets Kafka holds a message at or after are asked for (one deleted since is asked from the
     * earliest left): waiting for a message that is not there would only spend the time allowed.
     * A partition's age is its first message's with a plausible time: one producer's clock at 0 would
     * page at once (56 years), one a year ahead would read as nothing waiting.
     */
    Map<String, java.util.OptionalLong> oldestSeconds(KafkaOffsetsNow kafka, MessageTimes times,
        PlausibleEventTimes.Bounds plausible, java.time.Instant now) {
      Map<TopicPartition, KafkaPartitionOffsets> held = new java.util.HashMap<>();
      kafka.partitions().forEach(p -> held.put(p.partition(), p));
      partitions.keySet().removeIf(p -> !held.containsKey(p) || partitions.get(p)[0] >= held.get(p).latest());
      partitions.forEach((p, backlog) -> backlog[0] = Math.max(backlog[0], held.get(p).earliest()));
      Map<TopicPartition, Long> asked = new java.util.HashMap<>();
      byTopicMostBehindFirst().values().forEach(ofTopic -> ofTopic.forEach(e -> asked.put(e.getKey(), e.getValue()[0])));
      Map<String, java.util.OptionalLong> ages = new java.util.HashMap<>();
      if (asked.isEmpty()) {
        return ages;
      }
      times.firstAtOrAfter(asked).forEach((partition, timestamps) -> {
        // Kafka gives -1 for messages written without a timestamp (message format 0): never plausible
        timestamps.stream().filter(plausible::contains).findFirst().ifPresent(timestamp -> {
          long seconds = Math.max(0, (now.toEpochMilli() - timestamp) / 1000);
          ages.merge(partition.topic(), java.util.OptionalLong.of(seconds),
              (a, b) -> java.util.OptionalLong.of(Math.max(a.getAsLong(), b.getAsLong())));
        });
      });
      return ages;
    }
  }
}
