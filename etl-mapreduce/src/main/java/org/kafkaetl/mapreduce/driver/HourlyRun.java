package org.kafkaetl.mapreduce.driver;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.AlertSender;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.config.TopicConfig;
import org.kafkaetl.core.coverage.CoverageCheck;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.offsets.RunLock;
import org.kafkaetl.core.plan.PartitionOffsetsSource;
import org.kafkaetl.core.plan.Planner;
import org.kafkaetl.core.plan.RunPlan;
import org.kafkaetl.core.plan.TopicPolicy;
import org.kafkaetl.mapreduce.job.EtlJobRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hourly run: lock, plan from etl_offsets and Kafka, store the plan, run the job, check
 * coverage from committed reports, record outcomes and alert. The stages are separate objects
 * passed in, so each can be replaced by a test double.
 */
public final class HourlyRun {
  private static final Logger LOG = LoggerFactory.getLogger(HourlyRun.class);

  private final EtlConfig config;
  private final OffsetStore store;
  private final RunLock lock;
  private final PartitionOffsetsSource kafka;
  private final EtlJobRunner jobRunner;
  private final AlertSender alerts;
  private final Clock clock;

  public HourlyRun(EtlConfig config, OffsetStore store, RunLock lock, PartitionOffsetsSource kafka,
      EtlJobRunner jobRunner, AlertSender alerts, Clock clock) {
    this.config = config;
    this.store = store;
    this.lock = lock;
    this.kafka = kafka;
    this.jobRunner = jobRunner;
    this.alerts = alerts;
    this.clock = clock;
  }

  /** Name of the database lock that keeps hourly runs of one work root one at a time. */
  public static String lockName(EtlConfig config) {
    String name = "kafka-etl.hourly:" + config.workRoot();
    return name.length() <= 64 ? name : name.substring(0, 64);
  }

  public RunResult run() {
    Instant startedAt = clock.instant();
    HourPartition hour = HourPartition.containing(startedAt, config.timeZone());
    Optional<RunLock.Held> held = lock.tryAcquire(lockName(config));
    if (held.isEmpty()) {
      return new RunResult(ExitCode.LOCKED, 0, hour, List.of(),
          "another hourly run holds the lock '" + lockName(config) + "'; this run did nothing");
    }
    try {
      return runLocked(hour, startedAt);
    } finally {
      held.get().close();
    }
  }

  private RunResult runLocked(HourPartition hour, Instant startedAt) {
    RunPlan plan = plan();
    plan.notices().forEach(n -> LOG.info("plan: {}", n));
    send(IncompleteAlerts.forPlan(hour, plan.lostRanges(), plan.notices()));
    if (plan.isEmpty()) {
      return RunResult.nothingToDo(hour);
    }
    long runId = store.startRun(hour, startedAt, plan.events(), plan.lostRanges());
    LOG.info("run {} hour {}: {} events, {} messages on {} mappers; {} lost ranges", runId, hour,
        plan.events().size(), plan.totalMessages(), plan.assignments().size(), plan.lostRanges().size());
    if (plan.events().isEmpty()) {
      store.finishRun(runId, clock.instant(), List.of());
      return new RunResult(ExitCode.OK, runId, hour, List.of(), "only lost ranges recorded");
    }
    store.markRunning(runId);
    EtlJobRunner.JobOutcome job = jobRunner.run(hour, runId, plan.assignments());
    List<RangeOutcome> outcomes = coverage().check(plan.events(), job.reports());
    store.finishRun(runId, clock.instant(), outcomes);
    send(IncompleteAlerts.forOutcomes(hour, outcomes));
    return result(runId, hour, outcomes, job);
  }

  private RunPlan plan() {
    List<String> topics = config.topicNames();
    Map<String, TopicPolicy> policies = config.topics().stream()
        .collect(Collectors.toMap(TopicConfig::name, t -> new TopicPolicy(t.name(), t.splitThreshold(), t.formatWeight())));
    Planner planner = new Planner(policies,
        config.newPartitionStart() == org.kafkaetl.core.config.StartPosition.EARLIEST, config.maxMappers());
    return planner.plan(store.lastEndOffsets(topics), kafka.offsets(topics));
  }

  private CoverageCheck coverage() {
    return new CoverageCheck(topic -> config.topic(topic).map(TopicConfig::maxDecodeErrors).orElse(0L));
  }

  private void send(List<Alert> toSend) {
    toSend.forEach(alerts::send);
  }

  private static RunResult result(long runId, HourPartition hour, List<RangeOutcome> outcomes,
      EtlJobRunner.JobOutcome job) {
    long incomplete = outcomes.stream().filter(o -> o.state() == RangeState.INCOMPLETE).count();
    long records = outcomes.stream().mapToLong(RangeOutcome::records).sum();
    if (incomplete == 0) {
      return new RunResult(ExitCode.OK, runId, hour, outcomes,
          "run " + runId + " hour " + hour + ": " + outcomes.size() + " ranges complete, " + records + " records");
    }
    String why = job.succeeded() ? "" : " (" + job.failure() + ")";
    return new RunResult(ExitCode.INCOMPLETE, runId, hour, outcomes,
        "run " + runId + " hour " + hour + ": " + incomplete + " of " + outcomes.size() + " ranges incomplete" + why);
  }
}
