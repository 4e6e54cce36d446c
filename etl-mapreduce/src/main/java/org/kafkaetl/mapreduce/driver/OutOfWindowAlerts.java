package org.kafkaetl.mapreduce.driver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.config.EtlConfigDef;
import org.kafkaetl.core.config.EventTimeWindow;
import org.kafkaetl.core.config.TopicConfig;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.layout.WorkLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Surfaces what landing did with records that are neither ordinary nor undecodable: event times
 * outside the topic's window (a WARNING per topic, since a producer's clock or field is wrong and
 * only a person can say whether the policy's choice was right) and skipped tombstones (logged: on a
 * compacted topic they are normal).
 */
final class OutOfWindowAlerts {
  private static final Logger LOG = LoggerFactory.getLogger(OutOfWindowAlerts.class);

  private OutOfWindowAlerts() {}

  static List<Alert> forReports(HourPartition hour, Collection<RangeReport> reports, EtlConfig config) {
    Map<String, List<RangeReport>> byTopic = new TreeMap<>(reports.stream()
        .collect(Collectors.groupingBy(r -> r.event().topic())));
    List<Alert> alerts = new ArrayList<>();
    byTopic.forEach((topic, topicReports) -> {
      long tombstones = topicReports.stream().mapToLong(RangeReport::skippedTombstones).sum();
      if (tombstones > 0) {
        LOG.info("topic {} hour {}: {} tombstones skipped (topic.{}.tombstones is skip)", topic, hour, tombstones, topic);
      }
      List<RangeReport> outside = topicReports.stream().filter(r -> r.outOfWindow() > 0).toList();
      config.topic(topic).filter(t -> !outside.isEmpty())
          .ifPresent(t -> alerts.add(alert(hour, t, outside, config.alerts().fixCommands())));
    });
    alerts.forEach(a -> LOG.warn("{}\n{}", a.summary(), a.details()));
    return alerts;
  }

  private static Alert alert(HourPartition hour, TopicConfig topic, List<RangeReport> outside, FixCommands fix) {
    EventTimeWindow window = topic.eventTimeWindow();
    String policy = EtlConfigDef.EVENT_TIME_OUT_OF_WINDOW.type().format(window.policy());
    long count = outside.stream().mapToLong(RangeReport::outOfWindow).sum();
    long toErrors = outside.stream().mapToLong(RangeReport::outOfWindowErrors).sum();
    List<Integer> partitions = outside.stream().map(r -> r.event().partition().partition()).distinct().sorted().toList();
    String details = outside.stream()
        .map(r -> "  " + r.event() + ": " + r.outOfWindow() + " outside, " + r.outOfWindowErrors() + " of them to "
            + WorkLayout.errorFile(r.event()))
        .collect(Collectors.joining("\n"))
        + "\nWindow: " + window.maxAge().toDays() + "d before to " + window.maxAhead().toHours()
        + "h after the run hour; policy " + policy + " (" + meaning(window) + "). Nothing was lost; the ranges are"
        + " complete. If these records should land differently, change topic." + topic.name()
        + ".event.time.* (or etl.event.time.*) and run the commands below in order: the rerun replaces exactly"
        + " these ranges' files (and merges dates they now reach for the first time), each rebuild rewrites a date"
        + " they had landed on from the new files.";
    return new Alert(Severity.WARNING,
        "out-of-window:" + topic.name() + ":" + hour + ":" + partitions.stream().map(String::valueOf)
            .collect(Collectors.joining(",")),
        "topic " + topic.name() + " hour " + hour + ": " + count + " records with event times outside the window"
            + " in partitions " + partitions + " (policy " + policy + ", " + toErrors + " to the error files)",
        details, commands(topic.name(), partitions, hour, outside, fix));
  }

  /** The ranges are COMPLETE: re-read them, then rebuild every date they had landed records on. */
  private static List<String> commands(String topic, List<Integer> partitions, HourPartition hour,
      List<RangeReport> outside, FixCommands fix) {
    List<String> commands = new java.util.ArrayList<>();
    commands.add(fix.rerun(topic, partitions, hour) + " --include-complete");
    new java.util.TreeSet<>(outside.stream().flatMap(r -> r.recordsByDate().keySet().stream()).toList())
        .forEach(date -> commands.add(fix.rebuild(topic, java.time.LocalDate.parse(date), null)));
    return commands;
  }

  private static String meaning(EventTimeWindow window) {
    return switch (window.policy()) {
      case ERROR -> "sent to the _errors files, with the time in the reason";
      case KAFKA_TIME -> "landed by their Kafka timestamp; to the _errors files when that was outside too";
      case QUARANTINE -> "landed under the date " + WorkLayout.QUARANTINE_DATE;
    };
  }
}
