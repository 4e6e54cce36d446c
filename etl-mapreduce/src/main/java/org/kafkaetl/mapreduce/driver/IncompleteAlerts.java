package org.kafkaetl.mapreduce.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.plan.PlanNotice;

/** Turns a run's problems into alerts: one per topic, listing its partitions, with the fix. */
final class IncompleteAlerts {
  private IncompleteAlerts() {}

  static List<Alert> forOutcomes(HourPartition hour, List<RangeOutcome> outcomes, FixCommands fix) {
    Map<String, List<RangeOutcome>> byTopic = new TreeMap<>(outcomes.stream()
        .filter(o -> o.state() == RangeState.INCOMPLETE)
        .collect(Collectors.groupingBy(o -> o.event().topic())));
    List<Alert> alerts = new ArrayList<>();
    byTopic.forEach((topic, incomplete) -> alerts.add(incompleteAlert(hour, topic, incomplete, fix)));
    List<RangeOutcome> lost = outcomes.stream().filter(o -> !o.lost().isEmpty()).toList();
    if (!lost.isEmpty()) {
      alerts.add(new Alert(Severity.CRITICAL,
          "lost-read:" + hour + ":" + partitionsOf(lost.stream().map(RangeOutcome::event).toList()),
          "Kafka deleted " + lost.stream().flatMap(o -> o.lost().stream()).mapToLong(r -> r.count()).sum()
              + " messages before they were read (hour " + hour + ")",
          lost.stream().map(o -> "  LOST " + o.event().partition() + " " + o.lost() + "; the rest of " + o.event()
              + " landed").collect(Collectors.joining("\n"))
              + "\nRecorded in etl_lost_ranges. Nothing can re-read them; raise the topic's retention or run more often.",
          List.of()));
    }
    return alerts;
  }

  static List<Alert> forPlan(HourPartition hour, List<KafkaEvent> lost, List<PlanNotice> notices) {
    List<Alert> alerts = new ArrayList<>();
    if (!lost.isEmpty()) {
      alerts.add(new Alert(Severity.CRITICAL, "lost:" + hour + ":" + partitionsOf(lost),
          "Kafka deleted " + lost.stream().mapToLong(KafkaEvent::messages).sum()
              + " messages before they were read (hour " + hour + ")",
          lost.stream().map(e -> "  LOST " + e).collect(Collectors.joining("\n"))
              + "\nThese ranges are recorded as LOST in etl_offsets; the data cannot be re-read from Kafka.",
          List.of()));
    }
    List<PlanNotice> actionable = notices.stream()
        .filter(n -> n.kind() == PlanNotice.Kind.OFFSETS_WENT_BACKWARDS || n.kind() == PlanNotice.Kind.VANISHED_PARTITION)
        .toList();
    // One incident per topic and kind, keyed by its partitions: a second topic in the same hour is a
    // second incident, and the same one again next hour is suppressed as a repeat.
    Map<String, List<PlanNotice>> byIncident = new TreeMap<>(actionable.stream()
        .collect(Collectors.groupingBy(n -> n.kind() + ":" + n.partition().topic())));
    byIncident.forEach((incident, ofTopic) -> alerts.add(planAlert(hour, ofTopic)));
    new TreeMap<>(notices.stream().filter(n -> n.kind() == PlanNotice.Kind.TOPIC_RECREATED)
        .collect(Collectors.groupingBy(n -> n.partition().topic())))
        .forEach((topic, ofTopic) -> alerts.add(recreatedAlert(hour, topic, ofTopic)));
    return alerts;
  }

  /**
   * Seen once, by the run that first meets the new topic id: later runs find it stored. Nothing to
   * fix, but what the old incarnation received after the last run was deleted with it unread.
   */
  private static Alert recreatedAlert(HourPartition hour, String topic, List<PlanNotice> notices) {
    return new Alert(Severity.WARNING, "topic-recreated:" + topic + ":" + hour,
        "topic " + topic + " was deleted and recreated: its new incarnation is read from its first offset (hour "
            + hour + ")",
        notices.stream().map(n -> "  " + n).collect(Collectors.joining("\n"))
            + "\nThe old incarnation's landed files and etl_offsets rows stay; messages it received after the last"
            + " run were deleted with it and cannot be read. Its ranges that are not complete are recorded LOST when"
            + " retried or rerun (Kafka's offsets now stand for other messages).",
        List.of());
  }

  private static Alert planAlert(HourPartition hour, List<PlanNotice> notices) {
    PlanNotice first = notices.get(0);
    String topic = first.partition().topic();
    String partitions = notices.stream().map(n -> String.valueOf(n.partition().partition())).distinct().sorted()
        .collect(Collectors.joining(","));
    String what = first.kind() == PlanNotice.Kind.VANISHED_PARTITION
        ? "partition(s) " + partitions + " known to etl_offsets are gone from Kafka"
        : "Kafka's latest offset of partition(s) " + partitions + " is behind what was already read";
    return new Alert(Severity.WARNING, "plan:" + first.kind() + ":" + topic + ":" + partitions,
        "topic " + topic + ": " + what + "; nothing planned for them (hour " + hour + ")",
        notices.stream().map(n -> "  " + n).collect(Collectors.joining("\n")), List.of());
  }

  /** Which partitions an incident is about, so different incidents never suppress each other. */
  private static String partitionsOf(List<KafkaEvent> events) {
    return events.stream().map(e -> e.partition().toString()).distinct().sorted().collect(Collectors.joining(","));
  }

  private static Alert incompleteAlert(HourPartition hour, String topic, List<RangeOutcome> incomplete,
      FixCommands fix) {
    String details = incomplete.stream()
        .map(o -> "  " + o.event() + " reached " + o.reached() + ": " + o.detail())
        .collect(Collectors.joining("\n"));
    List<String> commands = List.of(fix.rerun(topic,
        incomplete.stream().map(o -> o.event().partition().partition()).collect(Collectors.toSet()), hour));
    return new Alert(Severity.CRITICAL, "incomplete:" + topic + ":" + hour + ":" + incomplete.stream()
        .map(o -> String.valueOf(o.event().partition().partition())).distinct().sorted()
        .collect(Collectors.joining(",")),
        "topic " + topic + " hour " + hour + ": " + incomplete.size() + " range(s) incomplete", details, commands);
  }
}
