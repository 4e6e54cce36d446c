package org.kafkaetl.core.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
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
   * @param previousEnds end offset of the last stored range per partition of the planned topics
   * @param kafka every partition Kafka currently has for the planned topics
   */
  public RunPlan plan(Map<TopicPartition, Long> previousEnds, List<KafkaPartitionOffsets> kafka) {
    List<KafkaEvent> events = new ArrayList<>();
    List<KafkaEvent> lost = new ArrayList<>();
    List<PlanNotice> notices = new ArrayList<>();
    Map<TopicPartition, Long> starts = new java.util.TreeMap<>();
    Set<TopicPartition> seen = new HashSet<>();
    Set<String> knownTopics = new HashSet<>();
    previousEnds.keySet().forEach(tp -> knownTopics.add(tp.topic()));
    for (KafkaPartitionOffsets offsets : kafka) {
      TopicPolicy policy = policyFor(offsets.partition().topic());
      seen.add(offsets.partition());
      Long previousEnd = previousEnds.get(offsets.partition());
      boolean topicKnown = knownTopics.contains(offsets.partition().topic());
      OffsetRange toRead = rangeToRead(offsets, previousEnd, topicKnown, lost, notices);
      if (previousEnd == null) {
        starts.put(offsets.partition(), toRead == null ? offsets.latest() : toRead.begin());
      }
      if (toRead != null) {
        for (OffsetRange part : SplitRule.split(toRead, policy.splitThreshold())) {
          events.add(new KafkaEvent(offsets.partition(), part));
        }
      }
    }
    previousEnds.keySet().stream()
        .filter(tp -> policies.containsKey(tp.topic()) && !seen.contains(tp))
        .sorted()
        .forEach(tp -> notices.add(new PlanNotice(Kind.VANISHED_PARTITION, tp,
            "in etl_offsets (last end " + previousEnds.get(tp) + ") but no longer in Kafka; nothing planned")));
    List<MapperAssignment> assignments = packer.pack(events, e -> e.messages() * policyFor(e.topic()).weight());
    return new RunPlan(events, lost, assignments, notices, starts);
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
              + " (topic recreated or unclean leader election?); nothing planned until an operator decides"));
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
