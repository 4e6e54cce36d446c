package org.kafkaetl.it.soak;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.mapreduce.Cluster;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.JobStatus;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapred.TIPStatus;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.UnfinishedRun;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.EtlScenario;

/**
 * One simulated hour as the fault injectors see it: its instant, the environment, the scenario, the
 * runner, a random source seeded from the soak's seed and the hour, and the means to act while the
 * hour's job is reading.
 *
 * <p>While a job reads: the run is planned as if one partition had {@link #HELD_BACK} more messages
 * than written, so its mapper waits for them (a slow producer); the fault acts then, and the held-back
 * messages are written afterwards, so a retried task or a rerun can read every planned offset.
 */
final class SimulatedHour {
  static final int HELD_BACK = 5;
  static final int HELD_PARTITION = 0;
  static final int BETWEEN_FAULTS = 3;
  private static final Duration WAIT = Duration.ofMinutes(3);

  final int index;
  final Instant now;
  final EtlTestEnvironment env;
  final EtlScenario scenario;
  /** The raw topic's producer: the topic that faults of a single topic act on. */
  final SoakProducer producer;
  /** Every soaked topic's producer, the raw one first. */
  final List<SoakProducer> producers;
  final SoakRunner runner;
  final Optional<ClusterNodes> nodes;
  final Random random;
  final SoakLog log;
  final DeletedRanges deleted;
  /** Set once the fault really acted (it can find nothing to act on, e.g. no daily file yet). */
  private boolean injected;

  SimulatedHour(int index, Instant now, EtlTestEnvironment env, EtlScenario scenario, List<SoakProducer> producers,
      SoakRunner runner, Optional<ClusterNodes> nodes, Random random, SoakLog log, DeletedRanges deleted) {
    this.index = index;
    this.now = now;
    this.env = env;
    this.scenario = scenario;
    this.producer = producers.get(0);
    this.producers = producers;
    this.runner = runner;
    this.nodes = nodes;
    this.random = random;
    this.log = log;
    this.deleted = deleted;
  }

  /** The topic's partitions now (a fault can add some). */
  int partitions() {
    return producer.partitions();
  }

  HourPartition hour() {
    return HourPartition.containing(now, ZoneOffset.UTC);
  }

  /** The hourly run as cron starts it, then the merge after it. */
  SoakRunner.Outcome runAndMerge() {
    return mergeAfter(runner.run(now, scenario.offsetStore(), offsets -> offsets));
  }

  SoakRunner.Outcome mergeAfter(SoakRunner.Outcome outcome) {
    log.line("run: " + outcome);
    int merged = runner.mergeHours(outcome.hoursLanded());
    if (merged != 0) {
      log.line("merge after run: exit " + merged);
    }
    return outcome;
  }

  /** A fault that acts on the running job of this hour. */
  @FunctionalInterface
  interface WhileReading {
    void act(Job job) throws Exception;
  }

  /**
   * Runs the hour with {@code store}, and calls {@code fault} once the hour's job has a running map
   * task waiting for the held-back messages; then writes them. Returns the run's outcome (not merged).
   */
  SoakRunner.Outcome runWhileReading(OffsetStore store, WhileReading fault) {
    return runWhileReading(store, null, fault);
  }

  /** The same with {@code launcher} submitting the job and waiting for it (null: the real one). */
  SoakRunner.Outcome runWhileReading(OffsetStore store, org.kafkaetl.mapreduce.job.JobLauncher launcher,
      WhileReading fault) {
    CompletableFuture<SoakRunner.Outcome> run = CompletableFuture.supplyAsync(
        () -> runner.run(now, store, SimulatedHour::holdBack, launcher));
    try {
      Optional<Job> job = awaitReadingJob(run);
      if (job.isPresent()) {
        fault.act(job.get());
        injected = true;
      } else {
        log.line("the run ended before its job read anything: fault not injected");
      }
    } catch (Exception e) {
      throw new IllegalStateException("injecting the fault failed", e);
    } finally {
      writeHeldBack();
    }
    return await(run);
  }

  /** A fault of this hour starts: whether it acts is its own. */
  void beginFault() {
    injected = false;
  }

  void markInjected() {
    injected = true;
  }

  boolean injected() {
    return injected;
  }

  /** A few messages into every partition of every topic, so a second fault of the hour has a run to act on. */
  void writeBetweenFaults() {
    for (SoakProducer p : producers) {
      for (int partition = 0; partition < p.partitions(); partition++) {
        p.send(partition, BETWEEN_FAULTS, index, now.minusSeconds(50 * 60), now.minusSeconds(10 * 60));
      }
    }
  }

  void writeHeldBack() {
    producers.forEach(p -> p.send(HELD_PARTITION, HELD_BACK, index, now.minusSeconds(60), now.minusSeconds(30)));
  }

  static SoakRunner.Outcome await(CompletableFuture<SoakRunner.Outcome> run) {
    try {
      return run.get(WAIT.toMinutes() * 2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the hourly run did not end", e);
    }
  }

  static List<KafkaPartitionOffsets> holdBack(List<KafkaPartitionOffsets> real) {
    return real.stream().map(o -> o.partition().partition() == HELD_PARTITION
        ? new KafkaPartitionOffsets(o.partition(), o.earliest(), o.latest() + HELD_BACK) : o).toList();
  }

  /** The job of this hour's run once a map task of it runs; empty if the run ended first. */
  private Optional<Job> awaitReadingJob(CompletableFuture<SoakRunner.Outcome> run) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline && !run.isDone()) {
      Optional<String> jobId = scenario.offsetStore().unfinishedRuns().stream()
          .filter(r -> r.hour().equals(hour())).map(UnfinishedRun::jobId).flatMap(Optional::stream).findFirst();
      if (jobId.isPresent()) {
        Job job = job(jobId.get());
        if (job != null && job.getJobState() == JobStatus.State.RUNNING && Arrays.stream(job.getTaskReports(TaskType.MAP))
            .anyMatch(t -> t.getCurrentStatus() == TIPStatus.RUNNING)) {
          return Optional.of(job);
        }
      }
      Thread.sleep(250);
    }
    return Optional.empty();
  }

  Job job(String jobId) throws IOException, InterruptedException {
    return new Cluster(env.hadoop().configuration()).getJob(JobID.forName(jobId));
  }
}
