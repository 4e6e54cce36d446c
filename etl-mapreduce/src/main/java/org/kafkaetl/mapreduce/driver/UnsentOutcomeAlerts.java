package org.kafkaetl.mapreduce.driver;

import java.time.Clock;
import java.util.List;
import org.kafkaetl.core.alert.AlertSender;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.coverage.CommittedReports;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.offsets.EndedRun;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.mapreduce.job.EtlJobRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what an ended run's recorded outcome calls for when the run itself did not: a run commits
 * its outcome first and alerts after, so a driver killed in between, or a commit whose answer was
 * lost (the run then stops with "the next run settles what this run left", and nothing is left
 * open), told no one of offsets Kafka deleted during the read, incomplete ranges, or records under
 * the quarantine date. The stored outcome and the committed reports say it again; what the run sent
 * before it stopped comes again as a repeat, which the alert history holds back.
 */
final class UnsentOutcomeAlerts {
  private static final Logger LOG = LoggerFactory.getLogger(UnsentOutcomeAlerts.class);

  private final EtlConfig config;
  private final OffsetStore store;
  private final EtlJobRunner jobRunner;
  private final AlertSender alerts;
  private final Clock clock;

  UnsentOutcomeAlerts(EtlConfig config, OffsetStore store, EtlJobRunner jobRunner, AlertSender alerts, Clock clock) {
    this.config = config;
    this.store = store;
    this.jobRunner = jobRunner;
    this.alerts = alerts;
    this.clock = clock;
  }

  /** Under the run lock, after dead runs are settled: every ended run not yet alerted, oldest first. */
  void send() {
    for (EndedRun run : store.endedRunsNotAlerted()) {
      List<RangeRecord> recorded = store.rangesReadBy(run.runId()).stream()
          .filter(r -> r.state() != RangeState.PLANNED && r.state() != RangeState.RUNNING).toList();
      if (!recorded.isEmpty()) {
        CommittedReports committed = jobRunner.committedReports(run.hour(),
            recorded.stream().map(RangeRecord::event).toList());
        List<RangeOutcome> outcomes = recorded.stream().map(r -> outcome(r, committed)).toList();
        LOG.warn("{} {} (hour {}) recorded the outcome of {} ranges and stopped before alerting on it; alerting now",
            run.kind().toLowerCase(java.util.Locale.ROOT), run.runId(), run.hour(), recorded.size());
        IncompleteAlerts.forOutcomes(run.hour(), outcomes, config.alerts().fixCommands()).forEach(alerts::send);
        OutOfWindowAlerts.forReports(run.hour(), committed.reports().values(), config).forEach(alerts::send);
        ImplausibleTimeAlerts.forReports(run.hour(), committed.reports().values(), config).forEach(alerts::send);
      }
      store.markOutcomeAlerted(run.runId(), clock.instant());
    }
  }

  /** The stored outcome; the offsets Kafka deleted during the read are in the range's report. */
  private static RangeOutcome outcome(RangeRecord row, CommittedReports committed) {
    RangeReport report = committed.reports().get(row.event());
    return new RangeOutcome(row.event(), row.state(), row.reached(), row.records(), row.decodeErrors(), row.detail(),
        report == null ? List.of() : report.lost());
  }
}
