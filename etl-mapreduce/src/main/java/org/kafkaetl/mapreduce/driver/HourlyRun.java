package org.kafkaetl.mapreduce.driver;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.config.ConfigException;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.AlertSender;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.LockNames;
import org.kafkaetl.core.offsets.RunLock;
import org.kafkaetl.core.plan.KafkaOffsetsNow;
import org.kafkaetl.core.plan.PartitionOffsetsSource;
import org.kafkaetl.core.plan.Planner;
import org.kafkaetl.core.plan.SameHourNames;
import org.kafkaetl.core.plan.RunPlan;
import org.kafkaetl.core.sizing.RunSizing;
import org.kafkaetl.core.sizing.ThroughputHistory;
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
  private final RangeExecution execution;
  private final DeadRunReconciler reconciler;
  private final IncompleteRetry retry;
  private final AlertSender alerts;
  private final Clock clock;
  private final RunSizingStep sizing;
  private final java.util.Set<String> newTopics;
  private final UnreadTopicStarts unreadStarts;

  /** An hourly run that keeps no throughput history: sized runs start from the starting rates every time. */
  public HourlyRun(EtlConfig config, OffsetStore store, RunLock lock, PartitionOffsetsSource kafka,
      EtlJobRunner jobRunner, AlertSender alerts, Clock clock) {
    this(config, store, lock, kafka, jobRunner, alerts, clock, ThroughputHistory.NONE);
  }

  /** @param throughput what earlier runs measured; runs with etl.target.run.time size themselves from it */
  public HourlyRun(EtlConfig config, OffsetStore store, RunLock lock, PartitionOffsetsSource kafka,
      EtlJobRunner jobRunner, AlertSender alerts, Clock clock, ThroughputHistory throughput) {
    this(config, store, lock, kafka, jobRunner, alerts, clock, throughput, java.util.Set.of());
  }

  /**
   * @param newTopics topics matched by etl.topics.include that the bookkeeping never held
   *     ({@link org.kafkaetl.core.plan.TopicResolution}): an INFO alert each when first planned
   */
  public HourlyRun(EtlConfig config, OffsetStore store, RunLock lock, PartitionOffsetsSource kafka,
      EtlJobRunner jobRunner, AlertSender alerts, Clock clock, ThroughputHistory throughput,
      java.util.Set<String> newTopics) {
    this.newTopics = java.util.Set.copyOf(newTopics);
    this.sizing = new RunSizingStep(config, throughput, alerts, jobRunner.queueCapacity());
    this.config = config;
    this.store = store;
    this.lock = lock;
    this.kafka = kafka;
    this.alerts = alerts;
    this.clock = clock;
    this.execution = new RangeExecution(config, store, jobRunner, alerts, clock, kafka);
    // whether a dead run's topic was recreated needs Kafka's word on every topic, unread ones too
    this.reconciler = new DeadRunReconciler(config, store, jobRunner, alerts, clock, kafka.everyTopic());
    this.retry = new IncompleteRetry(config, store, execution, clock);
    this.unreadStarts = new UnreadTopicStarts(store, kafka.everyTopic());
  }

  /** Name of the database lock that keeps hourly runs and reruns of one work root one at a time. */
  public RunResult run() {
    Instant startedAt = clock.instant();
    HourPartition hour = HourPartition.containing(startedAt, config.timeZone());
    return Locked.run(lock, LockNames.hourly(config), hour, held -> runLocked(new RunFence(held, alerts, config), hour,
        startedAt));
  }

  private RunResult runLocked(RunFence fence, HourPartition clockHour, Instant startedAt) {
    // settled under the lock: the run before may have just planned into a later hour
    HourPartition hour = pagedIfStopped(clockHour, () -> RunHour.notBeforeTheLastRun(clockHour, store.lastRunHour()));
    // Ranges a dead run left that this run's retry reads next page only if the retry fails them.
    List<RunResult> before = pagedIfStopped(hour, () -> new java.util.ArrayList<>(
        reconciler.reconcile(open -> retry.willRetryOnceSettled(open) && !readsBlocked(open))));
    // Asked before retries, so an unreachable Kafka fails the run at once instead of after every
    // retried range has stalled; what arrives while retries run is planned by the next run.
    KafkaOffsetsNow kafkaNow = kafkaOffsets(hour);
    IncompleteRanges incomplete = new IncompleteRanges(store, config.timeZone());
    // Incomplete ranges of a topic no longer selected are retried by no run: a person decides.
    RetiredTopicAlerts.send(config, incomplete, alerts);
    return pagedIfStopped(hour, () -> {
      before.addAll(retry.retry(fence, kafkaNow, incomplete));
      return RunResult.afterRetries(before, runNew(fence, hour, startedAt, kafkaNow)).notRead(kafkaNow.unavailable());
    });
  }

  /**
   * A run stopped part way by a service failing under it (the database at job submit, HDFS while
   * reading reports) exits 1, and under cron nobody reads that: it pages, once per hour's run. Its
   * job was stopped on the way out; the next run settles what it left and reads the rest again.
   */
  private <T> T pagedIfStopped(HourPartition hour, java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (RetriableException e) {
      alerts.send(new Alert(Severity.CRITICAL, "run-stopped:" + hour, "hourly run " + hour
          + " stopped part way: " + e.getMessage(), "Its job, if it had one, was stopped and nothing more was"
          + " recorded. Once the cause is fixed, run the command below or wait for the next hourly run: it settles"
          + " what this run left and reads the rest again.", List.of(config.alerts().fixCommands().run())));
      throw e;
    }
  }

  /**
   * A topic or partition Kafka cannot answer for is alerted and left for a later run while the
   * others are read; only Kafka as a whole being unusable stops the run.
   */
  private KafkaOffsetsNow kafkaOffsets(HourPartition hour) {
    try {
      KafkaOffsetsNow now = kafka.read(config.topicNames());
      send(UnavailableAlerts.of(hour, now.unavailable(), config.alerts().fixCommands()));
      alerts.resolve("run-start:kafka", "hourly run " + hour + " could use Kafka again");
      UnavailableAlerts.resolveReadable(alerts, hour, now.unavailable());
      return now;
    } catch (EtlException e) {
      if (e instanceof ConfigException) {
        throw e;
      }
      // Unreachable, authentication refused, no topic readable: runs fail every hour until
      // someone acts, and cron's mail is not a page.
      alerts.send(new Alert(Severity.CRITICAL, "run-start:kafka", "hourly run " + hour
          + " did not start: Kafka cannot be used; nothing was read", e.getMessage()
          + "\nOnce Kafka can be used again, run the command below or wait for the next hourly run; either continues"
          + " where the last stored range ended.", List.of(config.alerts().fixCommands().run())));
      throw e;
    }
  }

  private RunResult runNew(RunFence fence, HourPartition hour, Instant startedAt, KafkaOffsetsNow kafkaNow) {
    java.util.Optional<RunSizingStep.Rates> rates = sizing.rates();
    RunPlan planned = apartFromEarlierRunsOf(hour, plan(kafkaNow, rates));
    java.util.Optional<RunSizing> sized = planned.events().isEmpty() ? java.util.Optional.empty()
        : rates.map(r -> r.size(planned));
    RunPlan plan = sized.map(s -> planned.withAssignments(s.assignments())).orElse(planned);
    plan.notices().forEach(n -> LOG.info("plan: {}", n));
    sized.ifPresent(s -> sizing.announce(hour, s));
    store.adoptTopicIds(plan.adoptedIds());
    store.recordStarts(plan.starts(), plan.topicIds());
    java.util.Map<org.kafkaetl.core.TopicPartition, Long> starts = new java.util.TreeMap<>(plan.starts());
    // only where they start is planned: the configured policies do (sized ones cover the topics read)
    starts.putAll(unreadStarts.record(kafkaNow, planner(java.util.Optional.empty())));
    send(NewTopicAlerts.of(hour, newTopics, starts, config));
    send(IncompleteAlerts.forPlan(hour, plan.lostRanges(), plan.notices()));
    if (plan.isEmpty()) {
      return RunResult.nothingToDo(hour);
    }
    long runId = store.startRun(hour, startedAt, plan.events(), plan.lostRanges(), plan.topicIds());
    LOG.info("run {} hour {}: {} events, {} messages on {} mappers; {} lost ranges", runId, hour,
        plan.events().size(), plan.totalMessages(), plan.assignments().size(), plan.lostRanges().size());
    long plannedLost = plan.lostRanges().stream().mapToLong(org.kafkaetl.core.KafkaEvent::messages).sum();
    if (plan.events().isEmpty()) {
      store.finishRun(runId, clock.instant(), List.of());
      return new RunResult(ExitCode.OK, runId, hour, List.of(), "only lost ranges recorded").withLost(plannedLost);
    }
    if (sized.isEmpty()) {
      return execution.firstRead(fence, runId, hour, plan.assignments()).withLost(plannedLost);
    }
    sizing.recordSizing(runId, sized.get());
    return execution.firstRead(fence, runId, hour, plan.assignments(),
        (job, outcomes) -> sizing.recordMeasured(runId, sized.get(), job, outcomes))
        .withLost(plannedLost).withSizing(sized.get());
  }

  /** Ranges of this run never take the file names of ranges an earlier run of the hour read ({@link SameHourNames}). */
  private RunPlan apartFromEarlierRunsOf(HourPartition hour, RunPlan plan) {
    java.util.Set<org.kafkaetl.core.KafkaEvent> taken = new java.util.HashSet<>();
    plan.events().stream().map(org.kafkaetl.core.KafkaEvent::topic).distinct()
        .forEach(topic -> store.rangesOfHour(hour, topic).forEach(r -> taken.add(r.event())));
    SameHourNames.Avoided avoided = SameHourNames.avoid(plan, taken);
    avoided.changes().forEach(c -> LOG.warn("plan: {}", c));
    return avoided.plan();
  }

  /** @param rates the sized run's rates and policies; empty: the topics' configured policies */
  private RunPlan plan(KafkaOffsetsNow kafkaNow, java.util.Optional<RunSizingStep.Rates> rates) {
    return planner(rates).planReadable(store.positions(config.topicNames()), kafkaNow);
  }

  private Planner planner(java.util.Optional<RunSizingStep.Rates> rates) {
    return new Planner(rates.map(RunSizingStep.Rates::policies).orElseGet(() -> TopicPolicies.of(config)),
        config.newPartitionStart() == org.kafkaetl.core.config.StartPosition.EARLIEST, config.maxMappers());
  }

  /**
   * A range of a topic this run reads nothing of is not retried now ({@link IncompleteRetry}), so a
   * dead run's range of it is paged when settled rather than left to a retry that will not come.
   */
  private boolean readsBlocked(org.kafkaetl.core.offsets.RangeRecord range) {
    return kafka.unreadable().stream().anyMatch(u -> u.cause().blocksEveryRead() && u.covers(range.event().partition()));
  }

  private void send(List<Alert> toSend) {
    toSend.forEach(alerts::send);
  }
}
