package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.MessageFormat;
import org.kafkaetl.core.config.RunSizingSettings;
import org.kafkaetl.core.config.TopicConfig;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.plan.RunPlan;
import org.kafkaetl.core.sizing.QueueSlots;
import org.kafkaetl.core.sizing.RateSample;
import org.kafkaetl.core.sizing.RunSizer;
import org.kafkaetl.core.sizing.RunSizing;
import org.kafkaetl.core.sizing.ThroughputHistory;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.HourlyRuns;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.RunMapTasks;
import org.kafkaetl.mapreduce.driver.RunResult;
import org.kafkaetl.mapreduce.job.YarnQueueCapacity;
import org.kafkaetl.offsets.JdbcThroughputHistory;

/**
 * Runs that size themselves (etl.target.run.time, split.threshold=auto): a steady hour is read by one
 * map task and measured, its rate and its job's overhead; then a 10x burst on two partitions is split
 * into ranges one map task lands within the target less that overhead at the rate the steady hour
 * measured, read by more map tasks (no more than the minicluster's queue runs side by side, as YARN
 * answers), and lands whole in one run. The fixed configuration (no threshold) would leave each burst
 * partition to one map task; map tasks too large for more than two to fit make the queue the bound.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class RunSizingIT {
  private static final int PARTITIONS = 4;
  private static final int STEADY = 200;
  private static final int BURST = 10 * STEADY;
  /**
   * One map task lands two steady hours in the time left for reading: set to twice the time the
   * steady hour took. Few map tasks keep the test short on a small machine.
   */
  private static final long MESSAGES_PER_TARGET = 2L * PARTITIONS * STEADY;
  /** Map tasks the minicluster's queue runs side by side beside the job's master (HadoopFixture's sizes). */
  private static final int QUEUE_MAP_TASKS = 7;
  private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(2);

  @TempDir
  java.nio.file.Path tmp;

  @Test
  void aBurstAfterASteadyHourGetsSmallerSplitsAndMoreMapTasksFromTheMeasuredRate(EtlTestEnvironment env)
      throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, PARTITIONS);
    // Never measured, the topic starts at a rate so high that the steady hour is one range per partition on one task.
    s.onlyTopic(s.raw).set("topic." + s.raw + ".split.threshold", "auto").set("etl.target.run.time", "1h")
        .set("etl.sizing.start.rate", "1000000").set("etl.max.mappers", "8");
    for (int p = 0; p < PARTITIONS; p++) {
      s.sendRaw(p, STEADY, at(7, 30).toEpochMilli());
    }
    s.sent();
    RunResult steady = HourlyRuns.runAt(s, env.hadoop().configuration(), at(8, 5));
    assertThat(steady.exitCode()).as(steady.message()).isEqualTo(ExitCode.OK);
    assertThat(steady.message()).contains("\"rateSource\":\"starting\"");
    assertThat(mapTasks(env, s, steady.runId())).isEqualTo(1);

    RateSample measured = measured(s, steady.runId());
    assertThat(measured.faulted()).isFalse();
    assertThat(measured.messages()).isEqualTo(PARTITIONS * STEADY);
    double rate = measured.messagesPerSecond();
    long overheadMillis = overheadMillis(s, steady.runId());
    assertThat(overheadMillis).as("the job's start-up and commit beyond its one map task's reading").isPositive();
    // Data kept small by shrinking the target instead: one map task may read twice the steady hour. A minicluster
    // job's own overhead (its master and containers starting, commit) is far more than three times that, so a
    // target of four times it leaves the floor, a quarter, for reading: the threshold derives from that quarter.
    long readingMillis = (long) Math.ceil(MESSAGES_PER_TARGET * 1000.0 / rate);
    assertThat(overheadMillis).as("the steady job's overhead against its reading").isGreaterThan(3 * readingMillis);
    long targetMillis = 4 * readingMillis;
    s.set("etl.target.run.time", targetMillis + "ms");
    long threshold = (long) Math.floor(rate * (readingMillis / 1000.0));

    for (int p = 0; p < PARTITIONS; p++) {
      s.sendRaw(p, p < 2 ? BURST : STEADY, at(8, 30).toEpochMilli());
    }
    Map<TopicPartition, List<Long>> sent = s.sent();
    RunResult burst = HourlyRuns.runAt(s, env.hadoop().configuration(), at(9, 5));

    assertThat(burst.exitCode()).as(burst.message()).isEqualTo(ExitCode.OK);
    assertThat(burst.message()).contains("\"rateSource\":\"measured\"", "\"threshold\":" + threshold);
    assertThat(sizing(burst).get("overheadMillis").asLong()).as("the steady run's overhead").isEqualTo(overheadMillis);
    assertThat(sizing(burst).get("readingMillis").asLong()).isEqualTo(readingMillis);
    assertThat(burst.message()).contains("for reading, held at a quarter of the target");
    List<RangeRecord> burstRanges = s.offsetStore().allRanges(s.raw).stream()
        .filter(r -> r.runId() == burst.runId()).toList();
    assertThat(burstRanges).as("everything landed in this one run").allSatisfy(r ->
        assertThat(r.state()).isEqualTo(RangeState.COMPLETE));
    for (int p = 0; p < 2; p++) {
      int partition = p;
      assertThat(burstRanges).filteredOn(r -> r.event().partition().partition() == partition)
          .as("the burst partition %d is split into ranges of at most the derived threshold", p)
          .hasSize((int) Math.ceil((double) BURST / threshold))
          .allSatisfy(r -> assertThat(r.event().range().count()).isLessThanOrEqualTo(threshold));
    }
    int burstTasks = mapTasks(env, s, burst.runId());
    long needed = (long) Math.ceil((2.0 * BURST + 2 * STEADY) / threshold);
    assertThat(burstTasks).as("the map tasks the sizing chose ran").isEqualTo(sizing(burst).get("mappers").asInt())
        .as("at least as many as the load needs within the target, at most what the queue runs side by side")
        .isBetween((int) needed, QUEUE_MAP_TASKS);
    // The minicluster's one NodeManager (4096 MB, 8 vcores, as YARN reports it) holds the job's master (512 MB,
    // 1 vcore) and 7 map tasks of 512 MB, 1 vcore: fewer than etl.max.mappers=8, so the queue is the upper bound.
    assertThat(sizing(burst).get("queue").asText()).isEqualTo("default");
    assertThat(sizing(burst).get("queueMapTasks").asInt()).isEqualTo(QUEUE_MAP_TASKS);
    assertThat(sizing(burst).get("maxMappers").asInt()).isEqualTo(QUEUE_MAP_TASKS);
    assertThat(sizing(burst).get("maxMappersBy").asText()).startsWith("queue default runs 7 map tasks side by side");
    assertThat(overheadMillis(s, burst.runId())).isPositive();
    assertThat(sizing(burst).get("withinTarget").asBoolean()).isTrue();
    assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot), s.raw))
        .as("every offset landed exactly once").isEqualTo(sent);

    // What status shows: the last sized run, expected against what it took.
    ThroughputHistory.RunTiming timing = new JdbcThroughputHistory(s.database()).lastSizedRun().orElseThrow();
    assertThat(timing.runId()).isEqualTo(burst.runId());
    assertThat(timing.mappers()).isEqualTo(burstTasks);
    assertThat(timing.expected().toMillis()).isEqualTo(sizing(burst).get("expectedMillis").asLong());
    assertThat(timing.target()).isEqualTo(Duration.ofMillis(targetMillis));
    // etl_runs keeps the run's own clock, which these runs fix at :05 (HourlyRuns.runAt): start = end.
    assertThat(timing.actual()).isZero();

    List<Duration> overhead = List.of(Duration.ofMillis(overheadMillis));
    assertTheFixedConfigurationCouldNotLandTheBurstWithinTheTarget(s, rate, targetMillis, overhead, burstRanges);
    assertASmallerQueueBoundsTheRun(env, s, rate, targetMillis, overhead, burstRanges);
  }

  /**
   * The same burst with map tasks of 1536 MB, as YARN answers for them: 2 fit beside the master
   * ((4096 - 512) / 1536), so the run is packed on 2 and the queue is the bound that stops it. A queue
   * YARN does not know is an error the run turns into a warning (RunSizingStepTest).
   */
  private static void assertASmallerQueueBoundsTheRun(EtlTestEnvironment env, EtlScenario s, double rate,
      long targetMillis, List<Duration> overhead, List<RangeRecord> burstRanges) {
    org.apache.hadoop.conf.Configuration big = new org.apache.hadoop.conf.Configuration(env.hadoop().configuration());
    big.setInt("mapreduce.map.memory.mb", 1536);
    QueueSlots slots = new YarnQueueCapacity(big).mapTaskSlots().orElseThrow();
    assertThat(slots.mapTasks()).as(slots.basis()).isEqualTo(2);
    RunSizer sizer = new RunSizer(new RunSizingSettings(Optional.of(Duration.ofMillis(targetMillis)), 1, 1000,
        Set.of(), Set.of()), 8, List.of(rawTopic(s)), Optional.of(slots), overhead);
    var rates = sizer.rates(Map.of(s.raw, List.of(new RateSample(1, Math.round(rate * 1000), 0, 1000_000, false))));
    RunSizing sizing = sizer.size(new RunPlan(burstRanges.stream().map(RangeRecord::event).toList(), List.of(),
        List.of(), List.of(), Map.of()), rates, sizer.policies(rates));
    assertThat(sizing.mappers()).isEqualTo(2);
    assertThat(sizing.bound()).hasValueSatisfying(b -> assertThat(b).startsWith("queue default runs 2 map tasks"));

    org.apache.hadoop.conf.Configuration unknown = new org.apache.hadoop.conf.Configuration(
        env.hadoop().configuration());
    unknown.set("mapreduce.job.queuename", "no-such-queue");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new YarnQueueCapacity(unknown).mapTaskSlots())
        .isInstanceOf(org.kafkaetl.core.EtlException.class).hasMessageContaining("no-such-queue");
  }

  private static TopicConfig rawTopic(EtlScenario s) {
    return new TopicConfig(s.raw, MessageFormat.RAW, Optional.empty(), Optional.empty(), OptionalLong.empty(), 1.0,
        100);
  }

  /** The job overhead a sized run recorded: its job's wall time less its longest map task's reading. */
  private static long overheadMillis(EtlScenario s, long runId) throws Exception {
    try (Connection c = s.database().connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT overhead_millis FROM etl_run_sizing WHERE run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("run %d was sized", runId).isTrue();
        long overhead = rs.getLong(1);
        assertThat(rs.wasNull()).as("run %d measured its overhead", runId).isFalse();
        return overhead;
      }
    }
  }

  /**
   * The same hour planned as configured before sizing (no split threshold, etl.max.mappers=8), at the
   * same measured rate: each burst partition stays one range on one map task, over the target.
   */
  private static void assertTheFixedConfigurationCouldNotLandTheBurstWithinTheTarget(EtlScenario s, double rate,
      long targetMillis, List<Duration> overhead, List<RangeRecord> burstRanges) {
    RunSizer fixed = new RunSizer(new RunSizingSettings(Optional.of(Duration.ofMillis(targetMillis)), 1, 1000,
        Set.of(), Set.of()), 8, List.of(rawTopic(s)), Optional.empty(), overhead);
    List<KafkaEvent> unsplit = burstRanges.stream().map(RangeRecord::event)
        .collect(java.util.stream.Collectors.groupingBy(KafkaEvent::partition)).entrySet().stream()
        .map(e -> new KafkaEvent(e.getKey(), new OffsetRange(
            e.getValue().stream().mapToLong(x -> x.range().begin()).min().orElseThrow(),
            e.getValue().stream().mapToLong(x -> x.range().end()).max().orElseThrow()))).toList();
    var rates = fixed.rates(Map.of(s.raw, List.of(new RateSample(1, Math.round(rate * 1000), 0, 1000_000, false))));
    RunSizing sizing = fixed.size(new RunPlan(unsplit, List.of(), List.of(), List.of(), Map.of()), rates,
        fixed.policies(rates));
    assertThat(sizing.mappers()).isEqualTo(PARTITIONS);
    assertThat(sizing.withinTarget()).isFalse();
    // Each burst partition alone: 2000 messages at the rate that lands 1600 in the time left for reading.
    assertThat(sizing.expected()).isGreaterThan(sizing.budget().reading());
    assertThat(sizing.bound()).hasValueSatisfying(b -> assertThat(b).contains("never split"));
  }

  /** The sizing the run printed for scripts. */
  private static com.fasterxml.jackson.databind.JsonNode sizing(RunResult result) throws Exception {
    String line = result.message().lines().filter(l -> l.startsWith("sizing {")).findFirst().orElseThrow();
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(line.substring("sizing ".length()));
  }

  private static RateSample measured(EtlScenario s, long runId) throws Exception {
    try (Connection c = s.database().connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT messages, bytes, read_millis, faulted FROM etl_topic_throughput WHERE run_id = ? AND topic = ?")) {
      ps.setLong(1, runId);
      ps.setString(2, s.raw);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("run %d measured %s", runId, s.raw).isTrue();
        return new RateSample(runId, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBoolean(4));
      }
    }
  }

  /** Map tasks the run's job actually ran, from the cluster. */
  private static int mapTasks(EtlTestEnvironment env, EtlScenario s, long runId) throws Exception {
    return RunMapTasks.of(s.database(), env.hadoop().configuration(), runId);
  }

  private static Instant at(int hour, int minute) {
    return DAY.atTime(hour, minute).toInstant(ZoneOffset.UTC);
  }
}
