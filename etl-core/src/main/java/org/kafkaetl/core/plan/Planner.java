package org.kafkaetl.core.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.StoredPosition;
import org.kafkaetl.core.plan.PlanNotice.Kind;

/**
 * Turns "where each partition's last range ended" plus "what Kafka holds now" into the events of one
 * run. Pure logic: callers fetch both inputs, so this is testable without Kafka or a database.
 */
public final class Planner {
  private final Map<String, TopicPolicy> policies;
  private final boolean newPartitionsFromEarliest;
  private final EventPacker packer;

  public Planner(Map<String, TopicPolicy> policies, boolean newPartitionsFromEarliest, int maxMappers) {
    this.policies = Map.copyOf(policies);
    this.newPartitionsFromEarliest = newPartitionsFromEarliest;
    this.packer = new EventPacker(maxMappers);
  }

  /**
   * Plans from stored ends alone, as if no topic id were stored (each partition continues its
   * stored end, whatever Kafka's topic id).
   *
   * @param previousEnds end offset of the last stored range per partition of the planned topics
   * @param kafka every partition Kafka currently has for the planned topics
   */
  public RunPlan plan(Map<TopicPartition, Long> previousEnds, List<KafkaPartitionOffsets> kafka) {
    Map<TopicPartition, StoredPosition> stored = new TreeMap<>();
    previousEnds.forEach((tp, end) -> stored.put(tp, new StoredPosition(end, null)));
    return planPositions(stored, kafka);
  }

  /**
   * @param stored where each known partition of the planned topics continues, with the topic id
   *     of the incarnation it belongs to
   * @param kafka every partition Kafka currently has for the planned topics
   */
  public RunPlan planPositions(Map<TopicPartition, StoredPosition> stored, List<KafkaPartitionOffsets> kafka) {
    return planPositions(stored, kafka, topicsOf(stored));
  }

  /**
   * Plans the partitions Kafka answered for. One it could not answer for is neither gone nor new, and
   * still makes its topic one already read: a partition added meanwhile starts at its earliest offset,
   * whatever {@code etl.new.partition.start} says, or its first records would be skipped for good.
   *
   * @param stored where each known partition of the planned topics continues, answered for or not
   */
  public RunPlan planReadable(Map<TopicPartition, StoredPosition> stored, KafkaOffsetsNow kafka) {
    return planPositions(kafka.readableOnly(stored), kafka.partitions(), topicsOf(stored));
  }

  private static Set<String> topicsOf(Map<TopicPartition, StoredPosition> stored) {
    Set<String> topics = new HashSet<>();
    stored.keySet().forEach(tp -> topics.add(tp.topic()));
    return topics;
  }

  private RunPlan planPositions(Map<TopicPartition, StoredPosition> stored, List<KafkaPartitionOffsets> kafka,
      Set<String> knownTopics) {
    List<KafkaEvent> events = new ArrayList<>();
    List<KafkaEvent> lost = new ArrayList<>();
    List<PlanNotice> notices = new ArrayList<>();
    Map<TopicPartition, Long> starts = new TreeMap<>();
    Set<TopicPartition> seen = new HashSet<>();
    for (KafkaPartitionOffsets offsets : kafka) {
      TopicPolicy policy = policyFor(offsets.partition().topic());
      seen.add(offsets.partition());
      StoredPosition position = stored.get(offsets.partition());
      boolean recreated = position != null && position.recreatedAs(offsets.topicId());
      Long previousEnd = position == null || recreated ? null : position.end();
      boolean topicKnown = knownTopics.contains(offsets.partition().topic());
      OffsetRange toRead = recreated ? newIncarnation(offsets, position, lost, notices)
          : rangeToRead(offsets, previousEnd, topicKnown, lost, notices);
      if (recreated) {
        starts.put(offsets.partition(), 0L);
      } else if (previousEnd == null) {
        starts.put(offsets.partition(), toRead == null ? offsets.latest() : toRead.begin());
      }
      if (toRead != null) {
        for (OffsetRange part : SplitRule.split(toRead, policy.splitThreshold(), policy.maxParts())) {
          events.add(new KafkaEvent(offsets.partition(), part));
        }
      }
    }
    stored.keySet().stream()
        .filter(tp -> policies.containsKey(tp.topic()) && !seen.contains(tp))
        .sorted()
        .forEach(tp -> notices.add(new PlanNotice(Kind.VANISHED_PARTITION, tp,
            "in etl_offsets (last end " + stored.get(tp).end() + ") but no longer in Kafka; nothing planned")));
    List<MapperAssignment> assignments = packer.pack(events, e -> e.messages() * policyFor(e.topic()).weight());
    return new RunPlan(events, lost, assignments, notices, starts, topicIds(kafka), idsToAdopt(stored, kafka));
  }

  /**
   * A topic deleted and created again restarts its offsets: its partitions are read from the new
   * incarnation's earliest offset, like partitions added to a topic already read, and the stored
   * end (of the old incarnation) says nothing about them.
   */
  private static OffsetRange newIncarnation(KafkaPartitionOffsets offsets, StoredPosition old,
      List<KafkaEvent> lost, List<PlanNotice> notices) {
    notices.add(new PlanNotice(Kind.TOPIC_RECREATED, offsets.partition(), "topic recreated (id " + old.topicId()
        + " -> " + offsets.topicId() + "): a new incarnation whose offsets restart; reading it from its earliest"
        + " offset " + offsets.earliest() + " (the old incarnation was read up to " + old.end() + ")"));
    if (offsets.earliest() > 0) {
      // A new topic's offsets start at 0: what retention took before this first read is lost, not unknown.
      lost.add(new KafkaEvent(offsets.partition(), new OffsetRange(0, offsets.earliest())));
      notices.add(new PlanNotice(Kind.DATA_DELETED_BEFORE_READ, offsets.partition(), "Kafka deleted offsets [0, "
          + offsets.earliest() + ") of the new incarnation before they were read; recorded as LOST"));
    }
    return offsets.earliest() < offsets.latest() ? new OffsetRange(offsets.earliest(), offsets.latest()) : null;
  }

  /** Kafka's id of each topic it gave one for: the ledger stores it with the topic's new rows. */
  private static Map<String, String> topicIds(List<KafkaPartitionOffsets> kafka) {
    Map<String, String> ids = new TreeMap<>();
    kafka.stream().filter(o -> o.topicId() != null).forEach(o -> ids.put(o.partition().topic(), o.topicId()));
    return ids;
  }

  /**
   * Topics with rows stored before topic ids were kept: Kafka's id is taken as theirs (the same
   * incarnation), so the next run can tell a recreation.
   */
  private static Map<String, String> idsToAdopt(Map<TopicPartition, StoredPosition> stored,
      List<KafkaPartitionOffsets> kafka) {
    Map<String, String> adopted = new TreeMap<>();
    kafka.stream()
        .filter(o -> o.topicId() != null && stored.containsKey(o.partition()) && stored.get(o.partition()).id().isEmpty())
        .forEach(o -> adopted.put(o.partition().topic(), o.topicId()));
    // Offsets below the stored end may mean the topic was recreated before ids were stored: taking
    // Kafka's id as the old incarnation's would hide that for good, so such a topic keeps no id.
    kafka.stream().filter(o -> stored.containsKey(o.partition()) && stored.get(o.partition()).end() > o.latest())
        .forEach(o -> adopted.remove(o.partition().topic()));
    return adopted;
  }

  /**
   * The new range of one partition, or null when there is nothing to read.
   *
   * @param topicKnown whether etl_offsets has rows for other partitions of the topic
   */
  private OffsetRange rangeToRead(KafkaPartitionOffsets offsets, Long previousEnd, boolean topicKnown,
      List<KafkaEvent> lost, List<PlanNotice> notices) {
    TopicPartition tp = offsets.partition();
    long begin;
    if (previousEnd == null && topicKnown) {
      // A partition added to a topic already read holds only records produced since it was added,
      // all after the topic's start position: "latest" here would skip them for good.
      begin = offsets.earliest();
      notices.add(new PlanNotice(Kind.NEW_PARTITION, tp,
          "partition added to a topic already read; starting at earliest offset " + begin));
    } else if (previousEnd == null) {
      begin = newPartitionsFromEarliest ? offsets.earliest() : offsets.latest();
      notices.add(new PlanNotice(Kind.NEW_PARTITION, tp,
          "first run for this topic; starting at " + (newPartitionsFromEarliest ? "earliest" : "latest")
              + " offset " + begin));
    } else if (previousEnd > offsets.latest()) {
      notices.add(new PlanNotice(Kind.OFFSETS_WENT_BACKWARDS, tp,
          "Kafka's latest offset " + offsets.latest() + " is below the last read end " + previousEnd
              + " (unclean leader election? not a recreation: the topic id is unchanged or was not stored yet); nothing"
              + " planned until an operator decides"));
      return null;
    } else if (previousEnd < offsets.earliest()) {
      lost.add(new KafkaEvent(tp, new OffsetRange(previousEnd, offsets.earliest())));
      notices.add(new PlanNotice(Kind.DATA_DELETED_BEFORE_READ, tp,
          "Kafka deleted offsets [" + previousEnd + ", " + offsets.earliest() + ") before they were read;"
              + " recorded as LOST"));
      begin = offsets.earliest();
    } else {
      begin = previousEnd;
    }
    return begin < offsets.latest() ? new OffsetRange(begin, offsets.latest()) : null;
  }

  private TopicPolicy policyFor(String topic) {
    TopicPolicy policy = policies.get(topic);
    if (policy == null) {
      throw new IllegalArgumentException("no policy for topic " + topic + "; it is not a configured topic");
    }
    return policy;
  }
}
