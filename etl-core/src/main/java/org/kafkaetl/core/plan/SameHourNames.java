package org.kafkaetl.core.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;

/**
 * Keeps a run's file names apart from those of earlier runs of the same hour. Files are named by
 * topic, partition and offsets inside the hour's directory, so after a topic was deleted and created
 * again, a range of the new incarnation with the same offsets as one that an earlier run of the hour
 * read from the old incarnation would take its files' names — and replace them. Such a partition's
 * ranges of this run become one range, cut short until its name is free (the rest is read by the
 * next run); a partition left with nothing is not read by this run. Rare enough that giving up the
 * partition's split for one run costs nothing that matters.
 */
public final class SameHourNames {
  private SameHourNames() {}

  /** The plan, and a line per partition changed for it. */
  public record Avoided(RunPlan plan, List<String> changes) {}

  /** @param taken the ranges earlier runs of this hour planned (any incarnation) */
  public static Avoided avoid(RunPlan plan, Set<KafkaEvent> taken) {
    if (plan.events().stream().noneMatch(taken::contains)) {
      return new Avoided(plan, List.of());
    }
    Map<TopicPartition, List<KafkaEvent>> byPartition = new LinkedHashMap<>();
    plan.events().forEach(e -> byPartition.computeIfAbsent(e.partition(), p -> new ArrayList<>()).add(e));
    Map<KafkaEvent, KafkaEvent> replaced = new HashMap<>();
    List<String> changes = new ArrayList<>();
    byPartition.forEach((partition, events) -> {
      if (events.stream().noneMatch(taken::contains)) {
        return;
      }
      events.sort(Comparator.comparingLong(e -> e.range().begin()));
      long begin = events.get(0).range().begin();
      long end = events.get(events.size() - 1).range().end();
      while (end > begin && taken.contains(new KafkaEvent(partition, new OffsetRange(begin, end)))) {
        end--;
      }
      KafkaEvent kept = end > begin ? new KafkaEvent(partition, new OffsetRange(begin, end)) : null;
      events.forEach(e -> replaced.put(e, null));
      if (kept != null) {
        replaced.put(events.get(0), kept);
      }
      changes.add(partition + ": " + events + " would take the file names of a range an earlier run of this hour"
          + " read (topic recreated since); " + (kept == null ? "left to the next run" : "this run reads " + kept
          + (end < events.get(events.size() - 1).range().end() ? ", the next run the rest" : "")));
    });
    List<KafkaEvent> events = new ArrayList<>();
    plan.events().forEach(e -> {
      KafkaEvent now = replaced.containsKey(e) ? replaced.get(e) : e;
      if (now != null) {
        events.add(now);
      }
    });
    List<MapperAssignment> assignments = new ArrayList<>();
    for (MapperAssignment a : plan.assignments()) {
      List<KafkaEvent> kept = new ArrayList<>();
      a.events().forEach(e -> {
        KafkaEvent now = replaced.containsKey(e) ? replaced.get(e) : e;
        if (now != null) {
          kept.add(now);
        }
      });
      if (!kept.isEmpty()) {
        assignments.add(new MapperAssignment(kept, a.weightedLoad()));
      }
    }
    return new Avoided(new RunPlan(events, plan.lostRanges(), assignments, plan.notices(), plan.starts(),
        plan.topicIds(), plan.adoptedIds()), changes);
  }
}
