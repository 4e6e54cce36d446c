package org.kafkaetl.core.plan;

import java.util.List;
import java.util.Map;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.TopicPartition;

/**
 * The outcome of planning one run.
 *
 * @param events ranges to read, after splitting; per partition they tile the new offsets
 * @param lostRanges ranges Kafka deleted before anyone read them; recorded so tiling still holds
 * @param assignments events packed onto at most max-mappers input splits
 * @param starts where new partitions (and partitions of a recreated topic) begin, to be stored so
 *     the next run reads from there
 * @param topicIds Kafka's id of each planned topic's current incarnation, stored with its rows
 * @param adoptedIds Kafka's ids of the topics whose stored rows have none yet (written before ids
 *     were stored): they take Kafka's, as the same incarnation
 */
public record RunPlan(List<KafkaEvent> events, List<KafkaEvent> lostRanges, List<MapperAssignment> assignments,
    List<PlanNotice> notices, Map<TopicPartition, Long> starts, Map<String, String> topicIds,
    Map<String, String> adoptedIds) {
  public RunPlan {
    starts = Map.copyOf(starts);
    events = List.copyOf(events);
    lostRanges = List.copyOf(lostRanges);
    assignments = List.copyOf(assignments);
    notices = List.copyOf(notices);
    topicIds = Map.copyOf(topicIds);
    adoptedIds = Map.copyOf(adoptedIds);
  }

  /** A plan without topic ids. */
  public RunPlan(List<KafkaEvent> events, List<KafkaEvent> lostRanges, List<MapperAssignment> assignments,
      List<PlanNotice> notices, Map<TopicPartition, Long> starts) {
    this(events, lostRanges, assignments, notices, starts, Map.of(), Map.of());
  }

  /** Nothing to read or record as lost (new partitions' starts may still need storing). */
  public boolean isEmpty() {
    return events.isEmpty() && lostRanges.isEmpty();
  }

  /** The same plan with its events packed onto other mappers (sizing): the events, so the offsets, stay. */
  public RunPlan withAssignments(List<MapperAssignment> repacked) {
    java.util.Set<KafkaEvent> before = new java.util.HashSet<>(events);
    List<KafkaEvent> after = repacked.stream().flatMap(a -> a.events().stream()).toList();
    if (after.size() != events.size() || !before.equals(new java.util.HashSet<>(after))) {
      throw new IllegalArgumentException("repacked assignments must hold exactly the plan's events");
    }
    return new RunPlan(events, lostRanges, repacked, notices, starts, topicIds, adoptedIds);
  }

  public long totalMessages() {
    return events.stream().mapToLong(KafkaEvent::messages).sum();
  }

}
