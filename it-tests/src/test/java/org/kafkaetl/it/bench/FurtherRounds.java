package org.kafkaetl.it.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.core.plan.Planner;
import org.kafkaetl.core.plan.RunPlan;
import org.kafkaetl.core.plan.TopicPolicy;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcOffsetStore;

/**
 * The planning probe's rounds after the first, an hour apart with Kafka a little further each time:
 * plan, startRun, markRunning, finishRun, then the status and audit reads of the day. With
 * {@link #WITHOUT_BEGIN_INDEX} it also runs rounds after dropping {@code etl_offsets_begin}, the one
 * index with a leaf per partition over every day kept, to show in one run how much of the write
 * steps' growth with history that index is (an experiment: the product's other reads need it).
 */
final class FurtherRounds {
  static final String WITHOUT_BEGIN_INDEX = "bench.planning.withoutBeginIndex";

  /** Wall seconds {planning, finishRun, status, audit, markRunning}; server CPU {startRun, markRunning, finishRun}. */
  record Round(double[] wall, double[] server, long[] diskReads) {}

  private final JdbcOffsetStore store;
  private final Optional<ServerCpu> server;
  private final BookkeepingReads reads;
  private final Map<String, TopicPolicy> policies;
  private final List<String> topics;
  private final HourPartition dayFrom;
  private final IntFunction<List<KafkaPartitionOffsets>> kafkaAtRound;
  private final HourPartition firstHour;

  FurtherRounds(JdbcOffsetStore store, Optional<ServerCpu> server, BookkeepingReads reads,
      Map<String, TopicPolicy> policies, List<String> topics, HourPartition dayFrom,
      IntFunction<List<KafkaPartitionOffsets>> kafkaAtRound, HourPartition firstHour) {
    this.store = store;
    this.server = server;
    this.reads = reads;
    this.policies = policies;
    this.topics = topics;
    this.dayFrom = dayFrom;
    this.kafkaAtRound = kafkaAtRound;
    this.firstHour = firstHour;
  }

  Round run(int k) throws Exception {
    return run(k, true);
  }

  /** One round; without {@code audit} its audit is not timed (0). */
  private Round run(int k, boolean audit) throws Exception {
    List<KafkaPartitionOffsets> further = kafkaAtRound.apply(k);
    HourPartition next = new HourPartition(firstHour.start().plusHours(k));
    double[] wall = new double[5];
    double[] cpu = new double[3];
    long[] diskReads = new long[3];
    long t = System.nanoTime();
    RunPlan again = new Planner(policies, true, PlanningProbe.MAX_MAPPERS).plan(store.lastEndOffsets(topics), further);
    long runId = step(0, cpu, diskReads, () -> store.startRun(next, Instant.now(), again.events(), again.lostRanges()));
    wall[0] = seconds(t);
    t = System.nanoTime();
    step(1, cpu, diskReads, () -> {
      store.markRunning(runId);
      return runId;
    });
    wall[4] = seconds(t);
    t = System.nanoTime();
    step(2, cpu, diskReads, () -> {
      store.finishRun(runId, Instant.now(), again.events().stream()
          .map(e -> new RangeOutcome(e, RangeState.COMPLETE, e.range().end(), e.messages(), 0, "")).toList());
      return runId;
    });
    wall[1] = seconds(t);
    t = System.nanoTime();
    reads.status(dayFrom, 24);
    wall[2] = seconds(t);
    if (audit) {
      t = System.nanoTime();
      reads.audit(dayFrom, 24);
      wall[3] = seconds(t);
    }
    return new Round(wall, cpu, diskReads);
  }

  /** Drops etl_offsets_begin, runs rounds {@code first} .. first + count - 1, and returns their medians. */
  Map<String, Object> withoutBeginIndex(Database db, int first, int count) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE etl_offsets DROP INDEX etl_offsets_begin");
    }
    List<Round> rounds = new ArrayList<>();
    for (int k = first; k < first + count; k++) {
      // not the audit: where a partition's row before is not in the hour before the window (every
      // partition at 1 day of history), its lookup needs the index, and without it scans the table
      rounds.add(run(k, false));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    String[] wall = {"planning", "finishRun", "status", null, "markRunning"};
    for (int i = 0; i < wall.length; i++) {
      final int figure = i;
      if (wall[i] == null) {
        continue; // the audit, not timed
      }
      result.put(wall[i] + "Seconds", median(rounds.stream().mapToDouble(r -> r.wall()[figure]).toArray()));
    }
    String[] steps = {"startRun", "markRunning", "finishRun"};
    Map<String, Double> cpu = new LinkedHashMap<>();
    Map<String, Double> reads = new LinkedHashMap<>();
    for (int i = 0; i < steps.length; i++) {
      final int step = i;
      cpu.put(steps[i], median(rounds.stream().mapToDouble(r -> r.server()[step]).toArray()));
      reads.put(steps[i], median(rounds.stream().mapToDouble(r -> r.diskReads()[step]).toArray()));
    }
    result.put("serverCpuSeconds", cpu);
    result.put("pagesReadFromDisk", reads);
    return result;
  }

  private interface Step {
    long run() throws Exception;
  }

  /** Runs a write step; its server CPU (purge waited out) and pages read from disk go to slot {@code i}. */
  private long step(int i, double[] cpu, long[] diskReads, Step step) throws Exception {
    double before = server.isPresent() ? server.get().seconds() : 0;
    long readsBefore = server.isPresent() ? server.get().pagesReadFromDisk() : 0;
    long value = step.run();
    if (server.isPresent()) {
      server.get().awaitPurge();
      cpu[i] = server.get().seconds() - before;
      diskReads[i] = server.get().pagesReadFromDisk() - readsBefore;
    }
    return value;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return Math.round(sorted[sorted.length / 2] * 1000) / 1000.0;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
