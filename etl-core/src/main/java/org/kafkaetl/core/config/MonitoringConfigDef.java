package org.kafkaetl.core.config;

import static org.kafkaetl.core.config.Importance.LOW;
import static org.kafkaetl.core.config.Importance.MEDIUM;

import java.util.List;

/**
 * What each run leaves for people and monitoring: the fleet page and the metrics it pushes. Declared
 * apart from {@link EtlConfigDef}, which lists these keys with its own.
 */
public final class MonitoringConfigDef {
  public static final ConfigKey<String> STATUS_PAGE_PATH = ConfigKey.optional(
      "etl.status.page.path", ConfigType.STRING, MEDIUM,
      "Local file each run writes the fleet page to after it has finished (and merged): one self-contained"
          + " HTML file (no network needed to view it) with every topic's hours as a heat map, records per hour"
          + " and the actions with their commands, as status --html FILE writes it. Written to a temporary file"
          + " beside it and moved into place, so a web server or a reader never sees half a page. A page that"
          + " cannot be written is a warning in the log, never a failed run. Absent: no page.")
      .validatedBy(Validator.notBlank());
  public static final ConfigKey<Integer> STATUS_PAGE_HOURS = ConfigKey.withDefault(
      "etl.status.page.hours", ConfigType.INT, "48", LOW,
      "Hours the page written after each run shows, up to the run's hour.")
      .validatedBy(Validator.between(1, 24 * 35));
  public static final ConfigKey<String> METRICS_PUSHGATEWAY_URL = ConfigKey.optional(
      "etl.metrics.pushgateway.url", ConfigType.STRING, MEDIUM,
      "Prometheus Pushgateway that run, rerun and merge push their metrics to when they end, as"
          + " http(s)://host:port; credentials for basic authentication may be given as"
          + " http://user:password@host:port and are never printed. Metrics and example alerting rules:"
          + " docs/runbook.md and conf/prometheus-alerts.yml. An unreachable Pushgateway is a warning in the"
          + " log, never a failed run. Absent: nothing is pushed.")
      .validatedBy(Validator.pushgatewayUrl());
  public static final ConfigKey<String> METRICS_PUSHGATEWAY_JOB = ConfigKey.withDefault(
      "etl.metrics.pushgateway.job", ConfigType.STRING, "kafka-etl", LOW,
      "The job label of the pushed metrics; set it apart when several pipelines push to one Pushgateway.")
      .validatedBy(Validator.notBlank());

  private static final List<ConfigKey<?>> GLOBAL_KEYS = List.of(
      STATUS_PAGE_PATH, STATUS_PAGE_HOURS, METRICS_PUSHGATEWAY_URL, METRICS_PUSHGATEWAY_JOB);

  private MonitoringConfigDef() {}

  /** The keys set once per file, in documentation order. */
  public static List<ConfigKey<?>> globalKeys() {
    return GLOBAL_KEYS;
  }
}
