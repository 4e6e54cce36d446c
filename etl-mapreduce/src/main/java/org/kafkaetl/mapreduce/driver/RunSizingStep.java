package org.kafkaetl.mapreduce.driver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.AlertSender;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.plan.RunPlan;
import org.kafkaetl.core.plan.TopicPolicy;
import org.kafkaetl.core.sizing.QueueCapacity;
import org.kafkaetl.core.sizing.QueueSlots;
import org.kafkaetl.core.sizing.RateMeasurement;
import org.kafkaetl.core.sizing.RateSmoothing;
import org.kafkaetl.core.sizing.RunOverhead;
import org.kafkaetl.core.sizing.RunSizer;
import org.kafkaetl.core.sizing.RunSizing;
import org.kafkaetl.core.sizing.ThroughputHistory;
import org.kafkaetl.core.sizing.TopicRate;
import org.kafkaetl.mapreduce.job.EtlJobRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hourly run's sizing, when etl.target.run.time is set: before planning, the topics' rates and the
 * job overhead from recent runs and the map tasks the job's queue runs side by side; the mappers after
 * planning; the plan and its reasons in the log (and, before the job starts, an alert when even the
 * largest allowed run cannot land within the target); and what the job measured afterwards. Without a
 * target run time it does nothing and the run plans as configured.
 */
final class RunSizingStep {
  private static final Logger LOG = LoggerFactory.getLogger(RunSizingStep.class);

  private final EtlConfig config;
  private final ThroughputHistory history;
  private final AlertSender alerts;
  private final QueueCapacity queue;

  /** @param queue asked how many map tasks the job's queue runs side by side, once per sized run */
  RunSizingStep(EtlConfig config, ThroughputHistory history, AlertSender alerts, QueueCapacity queue) {
    this.config = config;
    this.history = history;
    this.alerts = alerts;
    this.queue = queue;
  }

  /** The rates and policies of a sized run, or empty when runs are not sized. */
  Optional<Rates> rates() {
    if (!config.sizing().enabled()) {
      return Optional.empty();
    }
    try {
      List<Duration> overheads = history.recentOverheads(RateSmoothing.RUNS);
      RunSizer sizer = new RunSizer(config.sizing(), config.maxMappers(), config.topics(), queueSlots(), overheads);
      LOG.info("sizing: {}", sizer.budget().describe());
      Map<String, TopicRate> rates = sizer.rates(history.recent(config.topicNames(), RateSmoothing.SAMPLES));
      return Optional.of(new Rates(sizer, rates, sizer.policies(rates)));
    } catch (RuntimeException e) {
      // Sizing is an optimisation: an hour planned as configured still lands (auto topics unsplit).
      LOG.warn("cannot size this run from measured throughput; it plans as configured, auto topics unsplit", e);
      return Optional.empty();
    }
  }

  /** The queue's room for map tasks; a cluster that cannot say leaves etl.max.mappers the only bound. */
  private Optional<QueueSlots> queueSlots() {
    try {
      Optional<QueueSlots> slots = queue.mapTaskSlots();
      slots.ifPresent(q -> LOG.info("sizing: {}{}", q.describe(), q.mapTasks() < config.maxMappers()
          ? ", fewer than etl.max.mappers=" + config.maxMappers() + ": the queue bounds this run" : ""));
      return slots;
    } catch (RuntimeException e) {
      LOG.warn("sizing: cannot find out how many map tasks the job's queue runs side by side; this run is bounded by"
          + " etl.max.mappers={} alone: {}", config.maxMappers(), e.getMessage(), e);
      return Optional.empty();
    }
  }

  /** What sizing needs between planning and packing. */
  record Rates(RunSizer sizer, Map<String, TopicRate> rates, Map<String, TopicPolicy> policies) {
    RunSizing size(RunPlan plan) {
      return sizer.size(plan, rates, policies);
    }
  }

  /** Logs the sizing and, if the run cannot land within its target, says so and alerts before the job starts. */
  void announce(HourPartition hour, RunSizing sizing) {
    sizing.topics().forEach(t -> LOG.info("sizing: {}", t.logLine()));
    LOG.info("sizing: {}", sizing.summary());
    LOG.info("sizing summary: {}", sizing.toJson());
    sizing.bound().ifPresentOrElse(bound -> {
      LOG.warn("hourly run {} expects to take {} ms, over its target of {} ms: {}", hour,
          sizing.expected().toMillis(), sizing.target().toMillis(), bound);
      alerts.send(new Alert(Severity.WARNING, "run-sizing:" + hour, "hourly run " + hour + " expects its map tasks"
          + " to take " + minutes(sizing) + ", over etl.target.run.time", sizing.summary() + "\nThe run goes on; ranges"
          + " still unread at etl.max.pull.time end INCOMPLETE and are retried. To land such hours within the target,"
          + " raise the bound named above (etl.max.mappers, the queue's capacity, or a topic's split.threshold to auto).",
          List.of()));
    }, () -> alerts.resolve("run-sizing:", "hourly run " + hour + " expects to land within etl.target.run.time"));
  }

  /** Records how run {@code runId} was sized, before its job starts. */
  void recordSizing(long runId, RunSizing sizing) {
    try {
      history.recordSizing(runId, sizing);
    } catch (RuntimeException e) {
      // The run's ranges are stored already: failing here would leave them for the next run to settle.
      LOG.warn("run {}: could not keep how it was sized; status shows no expected time for it", runId, e);
    }
  }

  /** Records what the run's job measured per topic, and its overhead, for the next runs' sizing. */
  void recordMeasured(long runId, RunSizing sizing, EtlJobRunner.JobOutcome job, List<RangeOutcome> outcomes) {
    try {
      var measured = RateMeasurement.of(runId, job.reports().reports().values(), outcomes, job.succeeded());
      measured.forEach((topic, sample) -> LOG.info("measured {}: {} messages in {} ms of map task time ({} msg/s){}",
          topic, sample.messages(), sample.readMillis(), sample.readMillis() == 0 ? "-"
              : Math.round(sample.messagesPerSecond()), sample.faulted() ? "; faulted, not used for sizing" : ""));
      // A failed job's time says more about the failure than about the job's start-up and commit.
      Optional<Duration> overhead = job.succeeded() ? RunOverhead.of(job.jobTime(), sizing.assignments(),
          job.reports().reports().values()) : Optional.empty();
      overhead.ifPresentOrElse(o -> LOG.info("measured job overhead: {} ms of the job's {} ms beyond its longest map"
          + " task's reading", o.toMillis(), job.jobTime().toMillis()),
          () -> LOG.info("measured no job overhead: the job failed, or a range has no time of its own"));
      history.recordMeasured(runId, measured, overhead);
    } catch (RuntimeException e) {
      // The run's outcomes are recorded already: a lost measurement only leaves the next runs one sample
      // fewer, and must not page as a run stopped part way.
      LOG.warn("run {}: could not keep what its map tasks measured; the next runs size themselves without it",
          runId, e);
    }
  }

  private static String minutes(RunSizing sizing) {
    String target = String.format(java.util.Locale.ROOT, "%.1f min (target %.1f min", sizing.expected().toMillis()
        / 60_000.0, sizing.target().toMillis() / 60_000.0);
    return target + (sizing.budget().overhead().isZero() ? ")" : String.format(java.util.Locale.ROOT,
        ", %.1f min of it for reading after the job's overhead)", sizing.budget().reading().toMillis() / 60_000.0));
  }
}
