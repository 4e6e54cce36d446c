package org.kafkaetl.cli;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.kafkaetl.core.metrics.CommandMetrics;
import org.kafkaetl.core.metrics.TopicTally;
import org.kafkaetl.core.status.FleetLag;

/**
 * Pushes one command's {@link CommandMetrics} to a Prometheus Pushgateway, in the group {@code
 * job=<etl.metrics.pushgateway.job>, command=<run|rerun|merge>}. Pushed with POST (the client's
 * pushAdd), which replaces only the metrics of the names pushed: a failed run pushes no {@code
 * kafka_etl_last_success_timestamp_seconds}, so the last success stays what it was and the
 * "no successful run" rule can fire. Every per-topic metric is pushed for every configured topic
 * (zero where the command did nothing), so a topic's old value never lingers. Names and rules:
 * docs/runbook.md, conf/prometheus-alerts.yml.
 */
final class PushgatewayMetrics {
  static final String PREFIX = "kafka_etl_";
  /** The grouping label that keeps the per-partition lag in a group of its own (see {@link #lagPerPartition}). */
  static final String SCOPE = "scope";
  static final String PARTITIONS = "partitions";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI url;
  private final String job;
  private final ZoneId zone;

  PushgatewayMetrics(URI url, String job, ZoneId zone) {
    this.url = url;
    this.job = job;
    this.zone = zone;
  }

  /** @param failedPushes this command's pushes that failed before, when counted */
  void push(CommandMetrics metrics, List<String> topics, java.util.OptionalLong failedPushes) throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    perTopic(registry, "records_landed", "Records the last command landed, per topic.", metrics, topics,
        TopicTally::records);
    perTopic(registry, "bytes_merged", "Bytes the last command appended to daily files, per topic.", metrics, topics,
        TopicTally::bytesMerged);
    perTopic(registry, "decode_errors", "Messages the last command sent to _errors files, per topic.", metrics,
        topics, TopicTally::decodeErrors);
    perTopic(registry, "incomplete_ranges", "Ranges the last command left INCOMPLETE (rerun them), per topic.",
        metrics, topics, TopicTally::incompleteRanges);
    perTopic(registry, "lost_offsets", "Offsets Kafka deleted before the last command read them, per topic.",
        metrics, topics, TopicTally::lostOffsets);
    perTopic(registry, "implausible_event_times", "Records the last command read whose event time was implausible"
        + " (before etl.event.time.min or past etl.event.time.max.skew: epoch seconds, 0...), per topic.", metrics,
        topics, TopicTally::implausibleEventTimes);
    gauge(registry, "duration_seconds", "How long the last command read (run, rerun) or merged (merge).")
        .set(metrics.duration().toMillis() / 1000.0);
    gauge(registry, "merge_duration_seconds", "How long the merge after the last run or rerun took; 0 if none ran.")
        .set(metrics.mergeDuration().toMillis() / 1000.0);
    gauge(registry, "exit_code", "Exit code of the last command (0 ok, 1 failed, 3 incomplete, 4 locked,"
        + " 5 data lost).").set(metrics.exitCode().code());
    gauge(registry, "last_finished_timestamp_seconds", "When the last command ended, in seconds since the epoch.")
        .set(metrics.finished().toEpochMilli() / 1000.0);
    if (metrics.succeeded()) {
      gauge(registry, "last_success_timestamp_seconds", "When the last command that landed everything it could"
          + " read (exit 0 or 5) ended, in seconds since the epoch.").set(metrics.finished().toEpochMilli() / 1000.0);
    }
    if (!metrics.lastCompleteDay().isEmpty()) {
      Gauge days = Gauge.builder().name(PREFIX + "last_complete_day_timestamp_seconds")
          .help("Start (etl.timezone) of the newest day marked complete, per topic, in seconds since the epoch.")
          .labelNames("topic").register(registry);
      metrics.lastCompleteDay().forEach((topic, day) ->
          days.labelValues(topic).set(day.atStartOfDay(zone).toEpochSecond()));
    }
    lagPerTopic(registry, metrics.lag(), topics);
    failedPushes.ifPresent(n -> gauge(registry, "metrics_push_failures", "Pushes of this command's metrics that"
        + " failed (Pushgateway unreachable or refusing), ever; counted in the database, pushed with the next push"
        + " that succeeds.").set(n));
    gateway(registry, metrics.command(), java.util.Map.of()).pushAdd();
    if (!metrics.lag().topics().isEmpty()) {
      // replaced only by a command that measured lag: a command that failed outright keeps the last ones
      gateway(lagPerPartition(metrics.lag()), metrics.command(), java.util.Map.of(SCOPE, PARTITIONS)).push();
    }
  }

  /**
   * Per topic the messages not landed and the age of the oldest of them; NaN where not known, so a
   * value from an earlier push is not taken for today's.
   */
  private static void lagPerTopic(PrometheusRegistry registry, FleetLag lag, List<String> topics) {
    Gauge messages = Gauge.builder().name(PREFIX + "lag_messages")
        .help("Messages in Kafka not landed yet, per topic: past the last planned range, or planned and not read;"
            + " NaN when not known.")
        .labelNames("topic").register(registry);
    Gauge oldest = Gauge.builder().name(PREFIX + "oldest_unlanded_seconds")
        .help("How long the oldest message not landed yet has been in Kafka (by its Kafka timestamp), per topic;"
            + " 0 when nothing is behind, NaN when not known.")
        .labelNames("topic").register(registry);
    for (String topic : topics) {
      java.util.Optional<FleetLag.TopicLag> of = lag.of(topic);
      messages.labelValues(topic).set(of.map(l -> (double) l.messagesBehind()).orElse(Double.NaN));
      oldest.labelValues(topic).set(of.map(PushgatewayMetrics::oldestSeconds).orElse(Double.NaN));
    }
  }

  /**
   * Per partition the messages of only the few most behind of each topic, so a topic of thousands of
   * partitions adds at most {@value FleetLag#AGED_PARTITIONS} series. Pushed to a group of its own
   * with PUT, which replaces the whole group: a partition no longer among them, or a fleet caught up
   * (nothing to push, which POST would take as nothing to replace), leaves no series behind.
   */
  private static PrometheusRegistry lagPerPartition(FleetLag lag) {
    PrometheusRegistry registry = new PrometheusRegistry();
    Gauge partitions = Gauge.builder().name(PREFIX + "partition_lag_messages")
        .help("Messages in Kafka not landed yet, for the " + FleetLag.AGED_PARTITIONS + " partitions of each topic"
            + " most behind; a partition not among them has no value.")
        .labelNames("topic", "partition").register(registry);
    lag.mostBehind().forEach((partition, behind) ->
        partitions.labelValues(partition.topic(), String.valueOf(partition.partition())).set(behind));
    return registry;
  }

  private static double oldestSeconds(FleetLag.TopicLag lag) {
    if (lag.oldestSeconds().isPresent()) {
      return lag.oldestSeconds().getAsLong();
    }
    return lag.messagesBehind() == 0 ? 0 : Double.NaN;
  }

  private static void perTopic(PrometheusRegistry registry, String name, String help, CommandMetrics metrics,
      List<String> topics, java.util.function.ToLongFunction<TopicTally> value) {
    Gauge gauge = Gauge.builder().name(PREFIX + name).help(help).labelNames("topic").register(registry);
    for (String topic : topics) {
      gauge.labelValues(topic).set(value.applyAsLong(metrics.topics().getOrDefault(topic, TopicTally.NONE)));
    }
  }

  private static Gauge gauge(PrometheusRegistry registry, String name, String help) {
    return Gauge.builder().name(PREFIX + name).help(help).register(registry);
  }

  /** Credentials go to the client's basic authentication, never into the address it may print. */
  private PushGateway gateway(PrometheusRegistry registry, String command, java.util.Map<String, String> group) {
    int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    PushGateway.Builder builder = PushGateway.builder().address(url.getHost() + ":" + port)
        .scheme("https".equals(url.getScheme()) ? Scheme.HTTPS : Scheme.HTTP).job(job).groupingKey("command", command)
        .registry(registry).format(Format.PROMETHEUS_TEXT).connectionTimeout(TIMEOUT).readTimeout(TIMEOUT);
    group.forEach(builder::groupingKey);
    String userInfo = url.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
      String password = colon < 0 ? "" : userInfo.substring(colon + 1);
      builder.basicAuth(URLDecoder.decode(user, StandardCharsets.UTF_8), URLDecoder.decode(password,
          StandardCharsets.UTF_8));
    }
    return builder.build();
  }
}
