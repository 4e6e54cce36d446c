package org.kafkaetl.core.plan;

import java.util.List;
import org.kafkaetl.core.KafkaEvent;

/**
 * The outcome of planning one run.
 *
 * @param events ranges to read, after splitting; per partition they tile the new offsets
 * @param lostRanges ranges Kafka deleted before anyone read them; recorded so tiling still holds
 * @param assignments events packed onto at most max-mappers input splits
 * @param starts where new partitions begin, to be stored so the next run reads from there
 */
public record RunPlan(List<KafkaEvent> events, List<KafkaEvent> lostRanges, List<MapperAssignment> assignments,
    List<PlanNotice> notices, java.util.Map<org.kafkaetl.core.TopicPartition, Long> starts) {
  public RunPlan {
    starts = java.util.Map.copyOf(starts);
    events = List.copyOf(events);
    lostRanges = List.copyOf(lostRanges);
    assignments = List.copyOf(assignments);
    notices = List.copyOf(notices);
  }

  /** Nothing to read or record as lost (new partitions' starts may still need storing). */
  public boolean isEmpty() {
    return events.isEmpty() && lostRanges.isEmpty();
  }

  public long totalMessages() {
    return events.stream().mapToLong(KafkaEvent::messages).sum();
  }
}
