package org.kafkaetl.mapreduce.driver;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.alert.AlertSender;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.coverage.CoverageCheck;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.plan.EventPacker;
import org.kafkaetl.core.plan.MapperAssignment;
import org.kafkaetl.core.plan.PartitionOffsetsSource;
import org.kafkaetl.core.plan.TopicPolicy;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.mapreduce.job.EtlJobRunner;
import org.kafkaetl.mapreduce.job.JobMayStillRunException;
import org.kafkaetl.mapreduce.job.RunningJobs;

/**
 * Reads stored ranges and records what landed: runs the job, checks coverage from committed
 * reports, stores the outcomes and alerts on what is incomplete. Shared by the hourly run and rerun.
 */
final class RangeExecution {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RangeExecution.class);

  private final EtlConfig config;
  private final OffsetStore store;
  private final EtlJobRunner jobRunner;
  private final AlertSender alerts;
  private final Clock clock;
  private final PartitionOffsetsSource kafka;

  /** @param kafka asked for topic ids again once a job has ended (a topic recreated meanwhile) */
  RangeExecution(EtlConfig config, OffsetStore store, EtlJobRunner jobRunner, AlertSender alerts, Clock clock,
      PartitionOffsetsSource kafka) {
    this.kafka = kafka;
    this.config = config;
    this.store = store;
    this.jobRunner = jobRunner;
    this.alerts = alerts;
    this.clock = clock;
  }

  /** Told what a job did once its outcomes are recorded, e.g. to keep what it measured. */
  @FunctionalInterface
  interface Recorded {
    Recorded NOTHING = (job, outcomes) -> { };

    void recorded(EtlJobRunner.JobOutcome job, List<RangeOutcome> outcomes);
  }

  /** Reads ranges for the first time, if the run still owns them (its lock, its PLANNED ranges). */
  RunResult firstRead(RunFence fence, long runId, HourPartition hour, List<MapperAssignment> assignments) {
    return firstRead(fence, runId, hour, assignments, Recorded.NOTHING);
  }

  /** {@link #firstRead(RunFence, long, HourPartition, List)}, telling {@code recorded} what the job did. */
  RunResult firstRead(RunFence fence, long runId, HourPartition hour, List<MapperAssignment> assignments,
      Recorded recorded) {
    fence.requireLock(runId, hour, "submits no job");
    fence.fencedStep(hour, () -> store.markRunning(runId));
    return record(fence, "run", runId, hour, assignments, pagedIfLeftRunning("run", runId, hour,
        () -> jobRunner.run(hour, runId, assignments, job -> store.recordJob(runId, job),
            RecreatedDuringRead.check(store, kafka, hour))), false, recorded);
  }

  /**
   * Reads stored ranges of one hour again, replacing their files where the new read keeps all the
   * earlier one landed; records a rerun in etl_runs.
   *
   * @param fromStart read each range from its start instead of resuming where its earlier read stopped
   */
  RunResult reread(RunFence fence, String what, HourPartition hour, List<KafkaEvent> events, boolean fromStart) {
    fence.requireLock(0, hour, "starts no " + what);
    long rerunId = store.startRerun(hour, clock.instant(), events);
    Map<String, TopicPolicy> policies = TopicPolicies.of(config);
    List<MapperAssignment> assignments = new EventPacker(config.maxMappers())
        .pack(events, e -> e.messages() * policies.get(e.topic()).weight());
    fence.requireLock(rerunId, hour, "submits no job");
    // Fenced: another run that took this one for dead may have claimed the earlier reads it set aside.
    EtlJobRunner.JobOutcome job = fence.fenced(hour, () -> pagedIfLeftRunning(what, rerunId, hour,
        () -> jobRunner.rerun(hour, rerunId, assignments, fromStart, submitted -> store.recordJob(rerunId, submitted),
            () -> fence.requireLock(rerunId, hour, "puts nothing back: the earlier reads it set aside are settled by"
                + " the next run"), RecreatedDuringRead.check(store, kafka, hour))));
    RunResult result = record(fence, what, rerunId, hour, assignments, job, fromStart, Recorded.NOTHING);
    resolveSettledHours(hour, result.outcomes());
    return result;
  }

  /**
   * Runs the job; if the driver can neither wait for it nor stop it, pages with the job's kill
   * command before the run stops: cron's mail is not a page, and the job may go on committing
   * and holding the cluster until someone (or the next run) stops it.
   */
  private EtlJobRunner.JobOutcome pagedIfLeftRunning(String what, long runId, HourPartition hour,
      java.util.function.Supplier<EtlJobRunner.JobOutcome> job) {
    try {
      return job.get();
    } catch (JobMayStillRunException e) {
      alerts.send(new Alert(Severity.CRITICAL, "job-left-running:" + e.jobId(), what + " " + runId + " of hour " + hour
          + " stopped: its job " + e.jobId() + " may still be running", e.getMessage() + "\nThis run recorded"
          + " nothing. Kill the job, then run the hourly run (or wait for the next one): it settles the ranges from"
          + " what the job committed and reads the rest again.", List.of(RunningJobs.killCommand(e.jobId()),
          config.alerts().fixCommands().run())));
      throw e;
    }
  }

  /**
   * A topic's hour whose ranges are all settled now (COMPLETE, or LOST where Kafka had deleted them)
   * ends its "incomplete" incident: whoever got that page is told, on the same channels.
   */
  private void resolveSettledHours(HourPartition hour, List<RangeOutcome> outcomes) {
    java.util.Set<String> topics = new java.util.TreeSet<>();
    outcomes.stream().filter(o -> o.state() != RangeState.INCOMPLETE).forEach(o -> topics.add(o.event().topic()));
    for (String topic : topics) {
      List<org.kafkaetl.core.offsets.RangeRecord> ofHour = store.rangesOfHour(hour, topic);
      if (ofHour.stream().allMatch(r -> r.state() == RangeState.COMPLETE || r.state() == RangeState.LOST)) {
        long lost = ofHour.stream().filter(r -> r.state() == RangeState.LOST).count();
        alerts.resolve("incomplete:" + topic + ":" + hour + ":", "topic " + topic + " hour " + hour + ": all "
            + ofHour.size() + " ranges settled" + (lost == 0 ? ", every one COMPLETE" : ", " + lost + " LOST"));
      }
    }
  }

  /** @param fromStart whether the operator asked for whole reads, which a kept earlier read did not give */
  private RunResult record(RunFence fence, String what, long runId, HourPartition hour, List<MapperAssignment> assignments,
      EtlJobRunner.JobOutcome job, boolean fromStart, Recorded recorded) {
    List<KafkaEvent> events = assignments.stream().flatMap(a -> a.events().stream()).toList();
    List<RangeOutcome> outcomes = RecreatedDuringRead.lost(KeptReads.explain(
        CoverageCheck.of(config).check(events, job.reports()), job.keptEarlier()), job.discarded());
    fence.requireLock(runId, hour, "records nothing (its job has ended; what it committed is settled by the next run)");
    fence.fencedStep(hour, () -> store.finishRun(runId, clock.instant(), outcomes));
    // A discarded read's LOST offsets were not deleted by retention: its own alert says what happened.
    IncompleteAlerts.forOutcomes(hour, outcomes.stream().filter(o -> !job.discarded().containsKey(o.event())).toList(),
        config.alerts().fixCommands()).forEach(alerts::send);
    OutOfWindowAlerts.forReports(hour, job.reports().reports().values(), config).forEach(alerts::send);
    ImplausibleTimeAlerts.forReports(hour, job.reports().reports().values(), config).forEach(alerts::send);
    RecreatedDuringRead.alert(hour, outcomes, job.discarded()).ifPresent(alerts::send);
    LeftReadsAlerts.of(hour, job.leftForAPerson()).forEach(alerts::send);
    markAlerted(runId);
    // After the alerts: what follows the recorded outcomes must not keep a page from going out.
    foldReports(fence, runId, hour);
    recorded.recorded(job, outcomes);
    return result(what, runId, hour, outcomes, job, fromStart)
        .withImplausible(ImplausibleTimeAlerts.counts(job.reports().reports().values()));
  }

  /**
   * Folds the hour's loose reports into one index per topic, now that the job has ended (its
   * outcomes are recorded) and while the run holds the hour. Not while a range of the hour is open:
   * a dead run's ranges are settled from loose reports first. Never fails the run. Only with
   * {@code etl.reports.fold}: a host of an older version would see no report in a folded hour.
   * Without a fold the run's own directory, which its job's commit leaves, is removed here.
   */
  private void foldReports(RunFence fence, long runId, HourPartition hour) {
    try {
      if (!config.foldReports()) {
        jobRunner.removeRunDirectory(hour, runId);
        return;
      }
      if (!fence.holdsLock()) {
        LOG.warn("reports of hour {} not folded: run {} no longer holds the hourly lock", hour, runId);
        return;
      }
      if (store.openRanges().stream().anyMatch(r -> r.hour().equals(hour))) {
        LOG.warn("reports of hour {} not folded: a range of it is still open (a dead run's, settled first)", hour);
        jobRunner.removeRunDirectory(hour, runId);
        return;
      }
      jobRunner.foldReports(hour, runId, fence::holdsLock);
    } catch (RuntimeException e) {
      LOG.warn("reports of hour {} not folded: {}", hour, e.getMessage());
    }
  }

  /** Not noted, the next run alerts the outcome again from what is stored: repeats the history holds back. */
  private void markAlerted(long runId) {
    try {
      store.markOutcomeAlerted(runId, clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("run {} alerted on its outcome but cannot note it ({}); the next run sends the same alerts again",
          runId, e.getMessage());
    }
  }

  private static RunResult result(String what, long runId, HourPartition hour, List<RangeOutcome> outcomes,
      EtlJobRunner.JobOutcome job, boolean fromStart) {
    long incomplete = outcomes.stream().filter(o -> o.state() == RangeState.INCOMPLETE).count();
    long records = outcomes.stream().mapToLong(RangeOutcome::records).sum();
    long lost = outcomes.stream().flatMap(o -> o.lost().stream()).mapToLong(r -> r.count()).sum();
    String prefix = what + " " + runId + " hour " + hour + ": ";
    if (fromStart && !job.keptEarlier().isEmpty() && incomplete == 0) {
      // Settled ranges whose re-read did not take: the operator's rerun did not do what it asked.
      return new RunResult(ExitCode.INCOMPLETE, runId, hour, outcomes, prefix + job.keptEarlier().size() + " of "
          + outcomes.size() + " ranges kept their earlier read: " + KeptReads.summary(job.keptEarlier()))
          .withLost(lost);
    }
    if (incomplete == 0) {
      return new RunResult(ExitCode.OK, runId, hour, outcomes,
          prefix + outcomes.size() + " ranges complete, " + records + " records").withLost(lost);
    }
    String why = job.succeeded() ? "" : " (" + job.failure() + ")";
    return new RunResult(ExitCode.INCOMPLETE, runId, hour, outcomes,
        prefix + incomplete + " of " + outcomes.size() + " ranges incomplete" + why).withLost(lost);
  }
}
