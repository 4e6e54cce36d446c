package org.kafkaetl.mapreduce.driver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.coverage.ImplausibleCause;
import org.kafkaetl.core.coverage.RangeReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARNING per topic and hour whose records carried implausible event times (before
 * etl.event.time.min, or past etl.event.time.max.skew): such times land wherever the topic's window
 * puts them, often a day in 1970, and only a person can fix the producer or the timestamp field, so
 * the alert names the count, an example record and the likely cause.
 */
final class ImplausibleTimeAlerts {
  private static final Logger LOG = LoggerFactory.getLogger(ImplausibleTimeAlerts.class);

  private ImplausibleTimeAlerts() {}

  /** Per topic, the records of these reports whose event time was implausible. */
  static Map<String, Long> counts(Collection<RangeReport> reports) {
    Map<String, Long> counts = new TreeMap<>();
    reports.forEach(r -> counts.merge(r.event().topic(), r.implausibleCount(), Long::sum));
    return counts;
  }

  static List<Alert> forReports(HourPartition hour, Collection<RangeReport> reports, EtlConfig config) {
    Map<String, List<RangeReport>> byTopic = new TreeMap<>(reports.stream().filter(r -> r.implausibleCount() > 0)
        .collect(Collectors.groupingBy(r -> r.event().topic())));
    List<Alert> alerts = new ArrayList<>();
    byTopic.forEach((topic, topicReports) -> alerts.add(alert(hour, topic, topicReports, config)));
    alerts.forEach(a -> LOG.warn("{}\n{}", a.summary(), a.details()));
    return alerts;
  }

  private static Alert alert(HourPartition hour, String topic, List<RangeReport> reports, EtlConfig config) {
    Map<ImplausibleCause, Long> counts = new EnumMap<>(ImplausibleCause.class);
    Map<ImplausibleCause, String> examples = new EnumMap<>(ImplausibleCause.class);
    for (RangeReport r : reports) {
      r.implausible().forEach(t -> {
        counts.merge(t.cause(), t.count(), Long::sum);
        examples.putIfAbsent(t.cause(), r.event().topic() + "-" + r.event().partition().partition() + "@"
            + t.exampleOffset() + " (" + t.exampleMillis() + " ms = " + instant(t.exampleMillis()) + ")");
      });
    }
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    ImplausibleCause main = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    String details = counts.entrySet().stream()
        .map(e -> "  " + e.getValue() + " " + e.getKey().likely() + "; e.g. " + examples.get(e.getKey()))
        .collect(Collectors.joining("\n"))
        + "\nPlausible: from " + config.plausibleEventTimes().earliest() + " (etl.event.time.min) to "
        + config.plausibleEventTimes().maxSkew().toHours() + "h after the run hour (etl.event.time.max.skew)."
        + " The records landed as the topic's event-time window says (topic." + topic + ".event.time.*: an"
        + " out-of-window alert names those outside it); nothing was lost. Fix the producer, or the topic's"
        + " timestamp.field if it names a field in other units; then, to land them by their intended date, rerun"
        + " the hour with --include-complete.";
    return new Alert(Severity.WARNING, "implausible-event-times:" + topic + ":" + hour,
        "topic " + topic + " hour " + hour + ": " + total + " records with implausible event times, e.g. "
            + examples.get(main) + "; likely " + main.likely(),
        details, List.of(config.alerts().fixCommands().status(topic, hour.date())));
  }

  private static String instant(long millis) {
    try {
      return Instant.ofEpochMilli(millis).toString();
    } catch (java.time.DateTimeException e) {
      return "beyond any date";
    }
  }
}
