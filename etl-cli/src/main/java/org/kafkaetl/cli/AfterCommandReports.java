package org.kafkaetl.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.config.EtlConfigDef;
import org.kafkaetl.core.config.MonitoringConfigDef;
import org.kafkaetl.core.config.Secrets;
import org.kafkaetl.core.config.MonitoringSettings;
import org.kafkaetl.core.metrics.CommandMetrics;
import org.kafkaetl.core.metrics.PushFailures;
import org.kafkaetl.core.status.FleetStatus;
import org.kafkaetl.core.status.LagHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What run, rerun and merge report when they end besides their output: the fleet page
 * (etl.status.page.path) and the metrics (etl.metrics.pushgateway.url). Both are for people and
 * dashboards, not for the data, so neither may change a command's exit code: every failure here is
 * a warning in the log, naming the page path or the Pushgateway with its credentials hidden.
 */
final class AfterCommandReports {
  private static final Logger LOG = LoggerFactory.getLogger(AfterCommandReports.class);

  /** For a command that failed outright: the database may be what failed, so nothing is counted there. */
  private static final PushFailures NOT_COUNTED = new PushFailures() {
    @Override
    public void add(String job, String command, java.time.Instant at) {
      throw new IllegalStateException("a command that failed outright counts no failed push");
    }

    @Override
    public long total(String job, String command) {
      throw new IllegalStateException("a command that failed outright reads no count");
    }
  };

  private final EtlConfig config;
  private final Supplier<FleetStatusReader> reader;
  private final PushFailures pushFailures;
  private final Clock clock;
  private final LagHistory lagHistory;

  /** @param pushFailures where failed pushes are counted, so the next push that succeeds carries the count */
  AfterCommandReports(EtlConfig config, Supplier<FleetStatusReader> reader, PushFailures pushFailures, Clock clock) {
    this(config, reader, pushFailures, clock, LagHistory.NONE);
  }

  /** @param lagHistory where each topic's lag is kept per hour, for the page's plot over its window */
  AfterCommandReports(EtlConfig config, Supplier<FleetStatusReader> reader, PushFailures pushFailures, Clock clock,
      LagHistory lagHistory) {
    this.lagHistory = lagHistory;
    this.config = config;
    this.reader = reader;
    this.pushFailures = pushFailures;
    this.clock = clock;
  }

  /**
   * Writes the page, then pushes the metrics with each topic's newest complete day the page read.
   *
   * @return whether the metrics were pushed, for the command's JSON document
   */
  MetricsPush report(CommandMetrics metrics) {
    MonitoringSettings settings = config.monitoring();
    if (settings.pagePath().isEmpty() && settings.pushgatewayUrl().isEmpty()) {
      return MetricsPush.NOT_CONFIGURED;
    }
    HourPartition to = FleetStatusReader.currentHour(config, clock);
    HourPartition from = new HourPartition(to.start().minusHours(settings.pageHours() - 1L));
    Optional<FleetStatus> status = settings.pagePath().flatMap(path -> writePage(Path.of(path), from, to));
    boolean pushing = settings.pushgatewayUrl().isPresent();
    if (pushing && status.isEmpty()) {
      status = readStatus(from, to);
    }
    status.ifPresent(s -> keepLag(to, s));
    return pushing ? push(metrics, status) : MetricsPush.NOT_CONFIGURED;
  }

  /** Keeps the lag just measured as the hour's, for the next pages' plots; a failure is a warning. */
  private void keepLag(HourPartition hour, FleetStatus status) {
    try {
      lagHistory.record(hour, clock.instant(), status.lag());
    } catch (RuntimeException e) {
      LOG.warn("the lag of hour {} was not kept for the page's plot: {}", hour, e.toString());
    }
  }

  /**
   * A command that failed outright (an exception, exit 1 or 2) pushes its exit code, end and duration,
   * so dashboards see it failed rather than the last command's numbers; no page and no status, which
   * it may well be unable to read. Never throws: the command's own error is what the caller reports.
   *
   * @return whether the metrics were pushed, for the run's document the error document may carry
   */
  static MetricsPush reportFailure(EtlConfig config, String command, java.time.Instant started,
      RuntimeException failure) {
    if (config.monitoring().pushgatewayUrl().isEmpty()) {
      return MetricsPush.NOT_CONFIGURED;
    }
    java.time.Instant now = java.time.Instant.now();
    ExitCode exit = Errors.exitCode(failure) == ExitCode.BAD_ARGUMENTS.code() ? ExitCode.BAD_ARGUMENTS : ExitCode.FAILED;
    return new AfterCommandReports(config, () -> {
      throw new IllegalStateException("a failed command reads no status");
    }, NOT_COUNTED, Clock.systemUTC()).push(new CommandMetrics(command, exit, now, java.time.Duration.between(started, now),
        java.time.Duration.ZERO, Map.of(), Map.of()), Optional.empty());
  }

  private Optional<FleetStatus> writePage(Path path, HourPartition from, HourPartition to) {
    try {
      FleetStatus status = FleetPageFile.write(path, reader.get(), from, to, config.alerts().fixCommands());
      LOG.info("fleet page written to {}", path.toAbsolutePath());
      return Optional.of(status);
    } catch (IOException | RuntimeException e) {
      LOG.warn("fleet page not written to {} ({}); the command itself is not affected: {}", path.toAbsolutePath(),
          MonitoringConfigDef.STATUS_PAGE_PATH.name(), e.toString());
      return Optional.empty();
    }
  }

  private Optional<FleetStatus> readStatus(HourPartition from, HourPartition to) {
    try {
      return Optional.of(reader.get().read(from, to));
    } catch (RuntimeException e) {
      LOG.warn("metrics are pushed without the last complete days: cannot read the status: {}", e.toString());
      return Optional.empty();
    }
  }

  private MetricsPush push(CommandMetrics metrics, Optional<FleetStatus> status) {
    Map<String, LocalDate> lastComplete = new HashMap<>();
    status.ifPresent(s -> s.summaries().stream().filter(t -> !t.daysComplete().isEmpty())
        .forEach(t -> lastComplete.put(t.topic(), t.daysComplete().last())));
    org.kafkaetl.core.status.FleetLag lag = status.map(FleetStatus::lag)
        .orElse(org.kafkaetl.core.status.FleetLag.NOT_MEASURED);
    MonitoringSettings settings = config.monitoring();
    String shown = settings.pushgatewayForDisplay().orElse("");
    String job = settings.pushgatewayJob();
    OptionalLong failedBefore = counted(() -> pushFailures.total(job, metrics.command()));
    try {
      new PushgatewayMetrics(settings.pushgatewayUrl().orElseThrow(), job, config.timeZone())
          .push(metrics.withFleet(lastComplete, lag), config.topicNames(), failedBefore);
      LOG.info("metrics of {} pushed to {}", metrics.command(), shown);
      return MetricsPush.pushed(failedBefore);
    } catch (IOException | RuntimeException e) {
      LOG.warn("metrics of {} not pushed to the Pushgateway {}; the command itself is not affected: {}",
          metrics.command(), shown,
          Secrets.display(MonitoringConfigDef.METRICS_PUSHGATEWAY_URL.name(), e.toString()));
      return MetricsPush.failed(counted(() -> {
        pushFailures.add(job, metrics.command(), clock.instant());
        return pushFailures.total(job, metrics.command());
      }));
    }
  }

  /** The count of failed pushes, or empty when it cannot be read or kept (a WARN, never a failure). */
  private OptionalLong counted(java.util.function.LongSupplier count) {
    if (pushFailures == NOT_COUNTED) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(count.getAsLong());
    } catch (RuntimeException e) {
      LOG.warn("failed pushes of metrics not counted: {}", e.getMessage());
      return OptionalLong.empty();
    }
  }
}
