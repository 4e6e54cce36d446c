package org.kafkaetl.it.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.core.plan.Planner;
import org.kafkaetl.core.plan.RunPlan;
import org.kafkaetl.core.plan.TopicPolicy;
import org.kafkaetl.offsets.JdbcOffsetStore;

/**
 * The planning probe's rounds after the first, an hour apart with Kafka a little further each time:
 * plan, startRun, markRunning, finishRun, then the status and audit reads of the day.
 */
final class FurtherRounds {
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
      store.finishRun(runId, Instant.now(), again.events().stream().map(PlanningProbe::outcome).toList());
      return runId;
    });
    wall[1] = seconds(t);
    t = System.nanoTime();
    reads.status(dayFrom, 24);
    wall[2] = seconds(t);
    t = System.nanoTime();
    reads.audit(dayFrom, 24);
    wall[3] = seconds(t);
    return new Round(wall, cpu, diskReads);
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

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
