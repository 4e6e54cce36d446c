package org.kafkaetl.mapreduce.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.AlertSender;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.config.TopicPatternConfigDef;
import org.kafkaetl.core.offsets.RangeRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARNING per topic the configuration no longer selects (taken out of etl.topics, excluded by
 * etl.topics.exclude, or no longer matched by etl.topics.include) that still has INCOMPLETE ranges:
 * runs retry only the topics they read, and the rerun commands of those ranges' alerts exit 2 while
 * the topic is not selected, so without this the ranges would wait unseen. The key names the topic
 * without the hour: sent by every run, it reaches a person once per suppression window.
 */
final class RetiredTopicAlerts {
  private static final Logger LOG = LoggerFactory.getLogger(RetiredTopicAlerts.class);
  static final String PREFIX = "retired-topic-incomplete:";
  /** Rerun commands listed per alert; the status of the topic names every hour. */
  static final int COMMANDS = 5;

  private RetiredTopicAlerts() {}

  /**
   * Sends the warnings for {@code incomplete}. Only a warning, so the database failing here is logged
   * and the run goes on: its retry reads the ranges again, and pages if the database is really gone.
   */
  static void send(EtlConfig config, IncompleteRanges incomplete, AlertSender alerts) {
    try {
      of(config, incomplete.all()).forEach(alerts::send);
    } catch (RuntimeException e) {
      LOG.warn("topics no longer selected were not checked for incomplete ranges: {}", e.toString());
    }
  }

  /** @param incomplete every INCOMPLETE range the bookkeeping holds, of any topic and age */
  static List<Alert> of(EtlConfig config, List<RangeRecord> incomplete) {
    Map<String, SortedMap<HourPartition, TreeSet<Integer>>> retired = new TreeMap<>();
    Map<String, Integer> ranges = new TreeMap<>();
    for (RangeRecord r : incomplete) {
      String topic = r.event().topic();
      if (config.topic(topic).isEmpty()) {
        retired.computeIfAbsent(topic, t -> new TreeMap<>()).computeIfAbsent(r.hour(), h -> new TreeSet<>())
            .add(r.event().partition().partition());
        ranges.merge(topic, 1, Integer::sum);
      }
    }
    List<Alert> alerts = new ArrayList<>();
    retired.forEach((topic, hours) -> alerts.add(alert(config, topic, hours, ranges.get(topic))));
    return alerts;
  }

  private static Alert alert(EtlConfig config, String topic, SortedMap<HourPartition, TreeSet<Integer>> hours,
      int ranges) {
    List<String> commands = new ArrayList<>();
    hours.entrySet().stream().limit(COMMANDS).forEach(h ->
        commands.add(config.alerts().fixCommands().rerun(topic, h.getValue(), h.getKey())));
    String more = hours.size() > COMMANDS ? " (the commands below are for the first " + COMMANDS + " of the "
        + hours.size() + " hours; the others take the same form)" : "";
    return new Alert(Severity.WARNING, PREFIX + topic, "topic " + topic + " is no longer selected but has " + ranges
        + " range(s) not landed completely, in hours " + hours.firstKey() + " to " + hours.lastKey(),
        "The configuration no longer selects the topic (etl.topics, " + TopicPatternConfigDef.INCLUDE.name() + ", "
            + TopicPatternConfigDef.EXCLUDE.name() + "), so runs no longer retry its incomplete ranges and the rerun"
            + " commands of their alerts exit 2 (unknown topic).\n"
            + "To land them: add " + topic + " back to etl.topics (or stop excluding it), then run the commands below"
            + more + "; the next runs also retry those within etl.retry.max.age.\n"
            + "To give them up: leave the topic out; their offsets stay unlanded, and this warning comes back once per"
            + " alerts.suppression.window while the bookkeeping holds them.",
        commands);
  }
}
