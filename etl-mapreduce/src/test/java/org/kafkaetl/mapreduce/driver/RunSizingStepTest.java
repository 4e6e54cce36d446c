package org.kafkaetl.mapreduce.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.AlertSender;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.coverage.CommittedReports;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReadOffsets;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.core.plan.MapperAssignment;
import org.kafkaetl.core.plan.Planner;
import org.kafkaetl.core.plan.RunPlan;
import org.kafkaetl.core.sizing.QueueCapacity;
import org.kafkaetl.core.sizing.QueueSlots;
import org.kafkaetl.core.sizing.RateSample;
import org.kafkaetl.core.sizing.ReadingBudget;
import org.kafkaetl.core.sizing.RunSizing;
import org.kafkaetl.core.sizing.ThroughputHistory;
import org.kafkaetl.mapreduce.job.EtlJobRunner;
import org.kafkaetl.mapreduce.job.ReadsLeftForAPerson;

class RunSizingStepTest {
  private static final HourPartition HOUR = HourPartition.parse("2026120701");

  /** An in-memory history: what was recorded, and fixed measurements to size from. */
  private static class MemoryHistory implements ThroughputHistory {
    final Map<String, List<RateSample>> samples = new HashMap<>();
    final List<RunSizing> sized = new ArrayList<>();
    final Map<String, RateSample> measured = new HashMap<>();
    final List<java.time.Duration> overheads = new ArrayList<>();

    @Override
    public Map<String, List<RateSample>> recent(Collection<String> topics, int runs) {
      return samples;
    }

    @Override
    public void recordSizing(long runId, RunSizing sizing) {
      sized.add(sizing);
    }

    @Override
    public List<java.time.Duration> recentOverheads(int runs) {
      return overheads;
    }

    @Override
    public void recordMeasured(long runId, Map<String, RateSample> m, Optional<java.time.Duration> overhead) {
      measured.putAll(m);
      overhead.ifPresent(o -> overheads.add(0, o));
    }

    @Override
    public Optional<RunTiming> lastSizedRun() {
      return Optional.empty();
    }
  }

  private static final class Alerts implements AlertSender {
    final List<Alert> sent = new ArrayList<>();
    final List<String> resolved = new ArrayList<>();

    @Override
    public void send(Alert alert) {
      sent.add(alert);
    }

    @Override
    public void resolve(String keyPrefix, java.util.function.Predicate<String> over, String summary) {
      resolved.add(keyPrefix);
    }
  }

  private static EtlConfig config(String... keyValues) {
    Map<String, String> p = new HashMap<>(Map.of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:mysql://db/etl",
        "db.user", "etl", "etl.topics", "clicks"));
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    return EtlConfig.parse(p);
  }

  /** Plans the new messages of each partition with the sized run's policies (auto thresholds split them). */
  private static RunPlan plan(RunSizingStep.Rates rates, long... perPartition) {
    List<KafkaPartitionOffsets> kafka = new ArrayList<>();
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (int p = 0; p < perPartition.length; p++) {
      kafka.add(new KafkaPartitionOffsets(TopicPartition.of("clicks", p), 0, perPartition[p]));
      ends.put(TopicPartition.of("clicks", p), 0L);
    }
    return new Planner(rates.policies(), true, 8).plan(ends, kafka);
  }

  @Test
  void withoutATargetRunTimeNothingIsSizedOrRead() {
    MemoryHistory history = new MemoryHistory();
    assertThat(new RunSizingStep(config(), history, new Alerts(), QueueCapacity.NONE).rates()).isEmpty();
  }

  @Test
  void anHourTheMaximumCannotLandWithinTheTargetAlertsBeforeTheJobNamingTheBound() {
    MemoryHistory history = new MemoryHistory();
    history.samples.put("clicks", List.of(new RateSample(1, 1000, 0, 1000, false)));
    Alerts alerts = new Alerts();
    RunSizingStep step = new RunSizingStep(config("etl.target.run.time", "10s", "etl.max.mappers", "2",
        "topic.clicks.split.threshold", "auto"), history, alerts, QueueCapacity.NONE);
    RunSizingStep.Rates rates = step.rates().orElseThrow();
    RunSizing sizing = rates.size(plan(rates, 50_000));
    step.announce(HOUR, sizing);
    assertThat(alerts.sent).singleElement().satisfies(a -> {
      assertThat(a.severity()).isEqualTo(Severity.WARNING);
      assertThat(a.key()).isEqualTo("run-sizing:2026120701");
      // split into at most 2 parts (the max mappers) of 25,000 at 1,000 msg/s
      assertThat(a.summary()).contains("0.4 min (target 0.2 min)");
      assertThat(a.details()).contains("etl.max.mappers=2", "needs about 5");
    });
  }

  @Test
  void anHourThatFitsResolvesEarlierSizingAlerts() {
    MemoryHistory history = new MemoryHistory();
    Alerts alerts = new Alerts();
    RunSizingStep step = new RunSizingStep(config("etl.target.run.time", "10m", "topic.clicks.split.threshold",
        "auto"), history, alerts, QueueCapacity.NONE);
    RunSizingStep.Rates rates = step.rates().orElseThrow();
    step.announce(HOUR, rates.size(plan(rates, 100, 200)));
    assertThat(alerts.sent).isEmpty();
    assertThat(alerts.resolved).containsExactly("run-sizing:");
  }

  @Test
  void recordsWhatTheJobMeasuredFaultsIncluded() {
    MemoryHistory history = new MemoryHistory();
    RunSizingStep step = new RunSizingStep(config("etl.target.run.time", "10m"), history, new Alerts(),
        QueueCapacity.NONE);
    KafkaEvent e = new KafkaEvent(TopicPartition.of("clicks", 0), new OffsetRange(0, 100));
    RangeReport report = new RangeReport(e, 100, 100, 0, 5000, "", Map.of(), List.of(), 0, 0, 0, List.of(),
        ReadOffsets.UNKNOWN, 50);
    EtlJobRunner.JobOutcome job = new EtlJobRunner.JobOutcome(true, "", new CommittedReports(Map.of(e, report),
        Map.of()), Map.of(), Map.of(), ReadsLeftForAPerson.NONE);
    step.recordMeasured(7, sizingOf(e), job, List.of(new RangeOutcome(e, RangeState.COMPLETE, 100, 100, 0, "")));
    assertThat(history.measured).containsEntry("clicks", new RateSample(7, 100, 5000, 50, false));
    assertThat(history.overheads).as("the job's time is unknown").isEmpty();
  }

  @Test
  void aMeasurementTheDatabaseRefusesDoesNotFailTheRunWhoseOutcomesAreRecorded() {
    MemoryHistory refusing = new MemoryHistory() {
      @Override
      public void recordMeasured(long runId, Map<String, RateSample> m, Optional<java.time.Duration> overhead) {
        throw new org.kafkaetl.core.RetriableException("database gone", null);
      }
    };
    RunSizingStep step = new RunSizingStep(config("etl.target.run.time", "10m"), refusing, new Alerts(),
        QueueCapacity.NONE);
    KafkaEvent e = new KafkaEvent(TopicPartition.of("clicks", 0), new OffsetRange(0, 100));
    EtlJobRunner.JobOutcome job = new EtlJobRunner.JobOutcome(false, "failed", CommittedReports.none(), Map.of(),
        Map.of(), ReadsLeftForAPerson.NONE);
    org.assertj.core.api.Assertions.assertThatCode(() -> step.recordMeasured(7, sizingOf(e), job,
        List.of(new RangeOutcome(e, RangeState.INCOMPLETE, 0, 0, 0, "job failed")))).doesNotThrowAnyException();
  }

  private static RunSizing sizingOf(KafkaEvent... events) {
    return new RunSizing(ReadingBudget.whole(java.time.Duration.ofMinutes(10)), java.time.Duration.ZERO, List.of(),
        List.of(new MapperAssignment(List.of(events), events.length)),
        new RunSizing.Upper(8, "etl.max.mappers=8", Optional.empty()), Optional.empty());
  }

  @Test
  void theQueueRunningFewerMapTasksBoundsTheRunAndTheAlertNamesIt() {
    MemoryHistory history = new MemoryHistory();
    history.samples.put("clicks", List.of(new RateSample(1, 1000, 0, 1000, false)));
    Alerts alerts = new Alerts();
    RunSizingStep step = new RunSizingStep(config("etl.target.run.time", "10s", "topic.clicks.split.threshold", "auto"),
        history, alerts, () -> Optional.of(new QueueSlots("etl", 2, "queue share 1536 MB, 3 vcores")));
    RunSizingStep.Rates rates = step.rates().orElseThrow();
    RunSizing sizing = rates.size(plan(rates, 50_000));
    assertThat(sizing.mappers()).isEqualTo(2);
    step.announce(HOUR, sizing);
    assertThat(alerts.sent).singleElement().satisfies(a -> assertThat(a.details())
        .contains("queue etl runs 2 map tasks side by side (queue share 1536 MB, 3 vcores)", "needs about 5"));
  }

  @Test
  void aQueueThatCannotBeAskedLeavesEtlMaxMappersTheOnlyBound() {
    MemoryHistory history = new MemoryHistory();
    history.samples.put("clicks", List.of(new RateSample(1, 1000, 0, 1000, false)));
    RunSizingStep step = new RunSizingStep(config("etl.target.run.time", "10s", "topic.clicks.split.threshold", "auto",
        "etl.max.mappers", "4"), history, new Alerts(), () -> {
          throw new org.kafkaetl.core.EtlException("YARN did not say what queue default can run: refused");
        });
    RunSizing sizing = step.rates().orElseThrow().size(plan(step.rates().orElseThrow(), 50_000));
    assertThat(sizing.mappers()).isEqualTo(4);
    assertThat(sizing.upper()).isEqualTo(new RunSizing.Upper(4, "etl.max.mappers=4", Optional.empty()));
  }

  @Test
  void theJobsOverheadIsRecordedAndTheNextRunsTakeItsMedianOffTheTarget() {
    MemoryHistory history = new MemoryHistory();
    history.samples.put("clicks", List.of(new RateSample(1, 1000, 0, 1000, false)));
    RunSizingStep step = new RunSizingStep(config("etl.target.run.time", "10s", "topic.clicks.split.threshold", "auto"),
        history, new Alerts(), QueueCapacity.NONE);
    KafkaEvent e = new KafkaEvent(TopicPartition.of("clicks", 0), new OffsetRange(0, 100));
    RangeReport report = new RangeReport(e, 100, 100, 0, 5000, "", Map.of(), List.of(), 0, 0, 0, List.of(),
        ReadOffsets.UNKNOWN, 1500);
    EtlJobRunner.JobOutcome job = new EtlJobRunner.JobOutcome(true, "", new CommittedReports(Map.of(e, report),
        Map.of()), Map.of(), Map.of(), ReadsLeftForAPerson.NONE, java.time.Duration.ofMillis(5500));
    step.recordMeasured(7, sizingOf(e), job, List.of(new RangeOutcome(e, RangeState.COMPLETE, 100, 100, 0, "")));
    assertThat(history.overheads).containsExactly(java.time.Duration.ofSeconds(4));
    // 10 s less 4 s: 6 s of reading at 1000 msg/s
    RunSizingStep.Rates rates = step.rates().orElseThrow();
    assertThat(rates.policies().get("clicks").splitThreshold()).hasValue(6000);
    // a failed job's time is not an overhead
    EtlJobRunner.JobOutcome failed = new EtlJobRunner.JobOutcome(false, "failed", new CommittedReports(Map.of(e,
        report), Map.of()), Map.of(), Map.of(), ReadsLeftForAPerson.NONE, java.time.Duration.ofMillis(90_000));
    step.recordMeasured(8, sizingOf(e), failed, List.of(new RangeOutcome(e, RangeState.COMPLETE, 100, 100, 0, "")));
    assertThat(history.overheads).hasSize(1);
  }
}
