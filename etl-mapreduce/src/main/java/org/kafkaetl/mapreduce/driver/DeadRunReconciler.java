package org.kafkaetl.mapreduce.driver;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.alert.AlertSender;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.coverage.CommittedReports;
import org.kafkaetl.core.coverage.CoverageCheck;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.UnfinishedRun;
import org.kafkaetl.core.plan.PartitionOffsetsSource;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.mapreduce.job.RunningJobs;
import org.kafkaetl.mapreduce.job.EtlJobRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles ranges a dead run left PLANNED or RUNNING (driver killed, MySQL gone at the end): the
 * committed reports in the hour directory are the truth, so each such range becomes COMPLETE or
 * INCOMPLETE exactly as if its run had lived to check coverage. A job a dead run or rerun left
 * running is killed first and waited for, so nothing commits into a range after it was settled.
 * Then what ended runs recorded but did not alert on is alerted ({@link UnsentOutcomeAlerts}).
 * Runs under the run lock, before planning (and before a rerun reads).
 */
final class DeadRunReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(DeadRunReconciler.class);

  private final EtlConfig config;
  private final OffsetStore store;
  private final EtlJobRunner jobRunner;
  private final AlertSender alerts;
  private final Clock clock;
  private final PartitionOffsetsSource kafka;
  private final UnsentOutcomeAlerts unsent;

  /** @param kafka asked for topic ids, so a read that met a recreated topic is not settled as the old one's */
  DeadRunReconciler(EtlConfig config, OffsetStore store, EtlJobRunner jobRunner, AlertSender alerts, Clock clock,
      PartitionOffsetsSource kafka) {
    this.kafka = kafka;
    this.config = config;
    this.store = store;
    this.jobRunner = jobRunner;
    this.alerts = alerts;
    this.clock = clock;
    this.unsent = new UnsentOutcomeAlerts(config, store, jobRunner, alerts, clock);
  }

  /**
   * One result per dead run settled (exit code OK: its incomplete ranges are retried next, and
   * alerted); their hours are among the hours to merge after this run.
   */
  List<RunResult> reconcile() {
    return reconcile(range -> false);
  }

  /**
   * As {@link #reconcile()}, without paging for ranges left INCOMPLETE that {@code retriedNext}
   * (given each row as the dead run left it) says the caller reads again right away: its own
   * outcome pages if they stay incomplete.
   */
  List<RunResult> reconcile(Predicate<RangeRecord> retriedNext) {
    List<UnfinishedRun> dead = store.unfinishedRuns();
    dead.forEach(this::stopJobs);
    // Ended before its ranges are settled: a dead run still submitting can no longer record a job
    // (its driver then kills it), and one it submitted and recorded meanwhile is found by its tag.
    dead.forEach(run -> store.markDied(run.runId(), clock.instant()));
    dead.forEach(run -> stopJobs(new UnfinishedRun(run.runId(), run.hour(), run.kind(), java.util.Optional.empty())));
    List<RunResult> settled = settleOpenRanges(retriedNext);
    // Their outcomes are alerted now; a reconciler stopped before this point leaves them to the next.
    dead.forEach(run -> store.markOutcomeAlerted(run.runId(), clock.instant()));
    unsent.send();
    return settled;
  }

  /**
   * Stops the dead run's job: by the id it recorded, or, if it died before recording one (the
   * database failed right after submit), by its run tag through the ResourceManager.
   */
  private void stopJobs(UnfinishedRun run) {
    List<String> jobs;
    if (run.jobId().isPresent()) {
      jobs = List.of(run.jobId().get());
    } else {
      try {
        jobs = jobRunner.unfinishedJobsOfRun(run.runId());
      } catch (EtlException e) {
        alerts.send(new Alert(Severity.CRITICAL, "dead-run-job:run-" + run.runId(), "runs are blocked: dead "
            + run.kind().toLowerCase(java.util.Locale.ROOT) + " " + run.runId() + " (hour " + run.hour()
            + ") recorded no job id and YARN cannot be asked whether its job still runs", e.getMessage(),
            List.of("yarn application -list -appTags " + org.kafkaetl.mapreduce.job.RunningJobs.runTag(
                config.workRoot(), run.runId()), config.alerts().fixCommands().run())));
        throw e;
      }
      if (!jobs.isEmpty()) {
        LOG.warn("{} {} (hour {}) died before recording its job; found {} by its run tag",
            run.kind().toLowerCase(java.util.Locale.ROOT), run.runId(), run.hour(), jobs);
      }
    }
    jobs.forEach(job -> stopJob(run, job));
  }

  private void stopJob(UnfinishedRun run, String jobId) {
    RunningJobs.Stopped stopped;
    try {
      stopped = jobRunner.stopIfRunning(jobId);
    } catch (EtlException e) {
      // Every later run stops here too until someone acts, and cron's mail is not a page.
      alerts.send(new Alert(Severity.CRITICAL, "dead-run-job:" + jobId, "runs are blocked: job " + jobId + " of dead "
          + run.kind().toLowerCase(java.util.Locale.ROOT) + " " + run.runId() + " (hour " + run.hour()
          + ") may still be running", e.getMessage(), List.of(RunningJobs.killCommand(jobId),
          config.alerts().fixCommands().run())));
      throw e;
    }
    LOG.warn("{} {} (hour {}) died; its job {}: {}", run.kind().toLowerCase(java.util.Locale.ROOT), run.runId(),
        run.hour(), jobId, stopped);
  }

  private List<RunResult> settleOpenRanges(Predicate<RangeRecord> retriedNext) {
    List<RangeRecord> open = store.openRanges();
    Map<Long, List<RangeRecord>> byRun = new TreeMap<>(open.stream().collect(Collectors.groupingBy(RangeRecord::runId)));
    List<RunResult> settled = new ArrayList<>();
    if (open.isEmpty()) {
      return settled;
    }
    Map<String, String> kafkaIds = kafkaIds(open);
    CoverageCheck coverage = CoverageCheck.of(config);
    byRun.forEach((runId, rows) -> {
      HourPartition hour = rows.get(0).hour();
      List<KafkaEvent> events = rows.stream().map(RangeRecord::event).toList();
      // Before the earlier reads are settled: the new read of a recreated topic must not replace them.
      Map<KafkaEvent, String> discarded = jobRunner.discardReads(hour, runId,
          RecreatedDuringRead.ofDeletedIncarnations(rows, kafkaIds));
      // A dead rerun may have set earlier reads aside: back in place unless its own read supersedes them.
      LeftReadsAlerts.of(hour, jobRunner.recoverEarlierReads(hour)).forEach(alerts::send);
      CommittedReports committed = jobRunner.committedReports(hour, events);
      List<RangeOutcome> outcomes = RecreatedDuringRead.lost(coverage.check(events, committed), discarded);
      store.settleDeadRanges(runId, clock.instant(), outcomes);
      LOG.warn("run {} (hour {}) died before recording its outcome; settled {} ranges from committed output",
          runId, hour, outcomes.size());
      Set<KafkaEvent> retried = rows.stream().filter(retriedNext).map(RangeRecord::event).collect(Collectors.toSet());
      List<RangeOutcome> toPage = outcomes.stream()
          .filter(o -> !retried.contains(o.event()) && !discarded.containsKey(o.event())).toList();
      IncompleteAlerts.forOutcomes(hour, toPage, config.alerts().fixCommands()).forEach(alerts::send);
      RecreatedDuringRead.alert(hour, outcomes, discarded).ifPresent(alerts::send);
      // The dead run never got to these: the records they name sit in error files or under the
      // quarantine date, and only these alerts give the commands that land them by their date.
      OutOfWindowAlerts.forReports(hour, committed.reports().values(), config).forEach(alerts::send);
      ImplausibleTimeAlerts.forReports(hour, committed.reports().values(), config).forEach(alerts::send);
      settled.add(new RunResult(org.kafkaetl.core.ExitCode.OK, runId, hour, outcomes,
          "settled " + outcomes.size() + " ranges of run " + runId + " (hour " + hour + "), which died before recording them")
          .withImplausible(ImplausibleTimeAlerts.counts(committed.reports().values())));
    });
    return settled;
  }

  /** Kafka's topic id of each topic of these ranges now; none if Kafka cannot say. */
  private Map<String, String> kafkaIds(List<RangeRecord> open) {
    try {
      return kafka.read(open.stream().map(r -> r.event().topic()).distinct().toList()).topicIds();
    } catch (RuntimeException e) {
      // Left open, a topic deleted for good would keep its dead ranges open forever; a recreation
      // during the dead run's read that Kafka cannot tell about now is the one case this misses.
      LOG.warn("settling the ranges of dead runs without knowing whether their topics were recreated: Kafka cannot"
          + " say ({})", e.getMessage());
      return Map.of();
    }
  }
}
