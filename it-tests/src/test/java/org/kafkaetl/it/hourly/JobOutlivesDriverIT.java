package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.fixtures.MariaDbFixture;
import org.kafkaetl.it.support.AlertCapture;
import org.kafkaetl.it.support.DelegatingOffsetStore;
import org.kafkaetl.it.support.DriverKilledAfterSubmit;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.StuckJobs;
import org.kafkaetl.it.support.HourlyRuns;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.LockHolder;
import org.kafkaetl.mapreduce.driver.RunResult;

/**
 * A job never outlives its driver unnoticed. The job is stuck (its partition's latest offset is
 * ahead of what was written) so it is still running when the driver fails; the missing messages
 * are written before the next run, which must land every offset exactly once with one job.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class JobOutlivesDriverIT {

  @TempDir
  java.nio.file.Path tmp;

  private final List<String> jobsStarted = new CopyOnWriteArrayList<>();

  /** A stuck job left running (by today's code) would hold the minicluster's only NodeManager for minutes. */
  @AfterEach
  void killLeftoverJobs(EtlTestEnvironment env) throws Exception {
    try (YarnClient yarn = StuckJobs.yarn(env)) {
      for (String jobId : jobsStarted) {
        yarn.killApplication(StuckJobs.applicationOf(jobId));
      }
    }
  }

  @Test
  void aJobWhoseIdCannotBeRecordedBecauseMySqlFailedIsKilledAndTheNextRunLandsTheHourOnce(EtlTestEnvironment env)
      throws Exception {
    EtlScenario s = StuckJobs.scenario(env, tmp);
    MySqlGoneAtSubmit store = new MySqlGoneAtSubmit(s.offsetStore(), env.mariaDb(), jobsStarted);
    try (AlertCapture capture = new AlertCapture()) {
      assertThatThrownBy(() -> HourlyRuns.run(s, env.hadoop().configuration(), Instant.now(), store,
          StuckJobs::aheadOfWritten))
          .isInstanceOf(RetriableException.class).hasMessageContaining("cannot connect to the database");
      assertThat(capture.alerts()).as("cron's mail is not a page").anySatisfy(a -> assertThat(a)
          .contains("CRITICAL", "stopped part way", "cannot connect to the database"));
      assertThat(jobsStarted).hasSize(1);
      assertThat(StuckJobs.applicationState(env, jobsStarted.get(0))).as("the driver killed its job before it failed")
          .isEqualTo(YarnApplicationState.KILLED);
    } finally {
      env.mariaDb().start();
    }
    assertThat(s.offsetStore().unfinishedRuns()).singleElement()
        .satisfies(run -> assertThat(run.jobId()).as("job_id stayed NULL").isEmpty());

    Map<TopicPartition, List<Long>> sent = StuckJobs.writeTheMissingMessages(s);
    EtlCli.Result next = new EtlCli(env.hadoop().configuration(), tmp.resolve("next"), s.properties()).run("run");

    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(s.offsetStore().unfinishedRuns()).isEmpty();
    assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot), s.raw)).isEqualTo(sent);
    assertThat(s.offsetStore().allRanges(s.raw)).extracting(RangeRecord::state).containsOnly(RangeState.COMPLETE);
  }

  @Test
  void aJobWhoseDriverDiedBeforeRecordingItIsFoundByItsRunAndKilledBeforeTheRangesAreSettled(EtlTestEnvironment env)
      throws Exception {
    EtlScenario s = StuckJobs.scenario(env, tmp);
    DriverKilledAfterSubmit dead = new DriverKilledAfterSubmit(s, env.mariaDb(), false);
    CompletableFuture<RunResult> driver = CompletableFuture.supplyAsync(() -> HourlyRuns.run(s,
        env.hadoop().configuration(), Instant.now(), dead, StuckJobs::aheadOfWritten));
    try {
      String jobId = awaitSubmitted(dead);
      assertThat(s.offsetStore().unfinishedRuns()).singleElement()
          .satisfies(run -> assertThat(run.jobId()).as("job_id stayed NULL").isEmpty());

      Map<TopicPartition, List<Long>> sent = StuckJobs.writeTheMissingMessages(s);
      EtlCli.Result next = new EtlCli(env.hadoop().configuration(), tmp.resolve("next"), s.properties()).run("run");

      assertThat(next.exitCode()).as(next.toString()).isZero();
      assertThat(StuckJobs.applicationState(env, jobId)).as("found by its run tag and killed").isEqualTo(YarnApplicationState.KILLED);
      assertThat(s.offsetStore().unfinishedRuns()).isEmpty();
      assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot), s.raw)).isEqualTo(sent);
      assertThat(s.offsetStore().allRanges(s.raw)).extracting(RangeRecord::state).containsOnly(RangeState.COMPLETE);
    } finally {
      dead.release();
    }
    assertThatThrownBy(() -> driver.get(3, TimeUnit.MINUTES)).hasCauseInstanceOf(DriverKilledAfterSubmit.DriverKilled.class);
  }

  @Test
  void aRunWhoseLockConnectionDiedSubmitsNoJobAndSaysSo(EtlTestEnvironment env) throws Exception {
    EtlScenario s = scenario(env);
    Map<TopicPartition, List<Long>> sent = s.sent();
    JobsRecorded store = new JobsRecorded(s.offsetStore(), (runId, real) -> LockHolder.killConnection(s, env.mariaDb()));

    List<String> alerts;
    try (AlertCapture capture = new AlertCapture()) {
      assertThatThrownBy(() -> HourlyRuns.run(s, env.hadoop().configuration(), Instant.now(), store))
          .isInstanceOf(EtlException.class).hasMessageContaining("submits no job")
          .hasMessageContaining("no longer holds the hourly lock");
      alerts = capture.alerts();
    }
    assertThat(store.jobs).as("no job submitted").isEmpty();
    assertThat(alerts).as(alerts.toString()).anySatisfy(a -> assertThat(a).contains("CRITICAL", "submits no job"));
    assertThat(s.offsetStore().allRanges(s.raw)).extracting(RangeRecord::state).containsOnly(RangeState.PLANNED);

    EtlCli.Result next = new EtlCli(env.hadoop().configuration(), tmp.resolve("next"), s.properties()).run("run");
    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot), s.raw)).isEqualTo(sent);
    assertThat(s.offsetStore().allRanges(s.raw)).extracting(RangeRecord::state).containsOnly(RangeState.COMPLETE);
  }

  @Test
  void aRunTakenForDeadBeforeItSubmittedSubmitsNoJob(EtlTestEnvironment env) throws Exception {
    EtlScenario s = scenario(env);
    s.sent();
    // What the next run does when it takes this one for dead: settle its ranges, end its run row.
    JobsRecorded store = new JobsRecorded(s.offsetStore(), (runId, real) -> {
      List<RangeOutcome> settled = new ArrayList<>();
      for (RangeRecord r : real.ranges(runId)) {
        KafkaEvent e = r.event();
        settled.add(new RangeOutcome(e, RangeState.INCOMPLETE, e.range().begin(), 0, 0, "no committed output"));
      }
      real.settleDeadRanges(runId, Instant.now(), settled);
      real.markDied(runId, Instant.now());
    });

    assertThatThrownBy(() -> HourlyRuns.run(s, env.hadoop().configuration(), Instant.now(), store))
        .isInstanceOf(EtlException.class).hasMessageContaining("submits no job");
    assertThat(store.jobs).as("no job submitted").isEmpty();
    assertThat(s.offsetStore().allRanges(s.raw)).extracting(RangeRecord::state).containsOnly(RangeState.INCOMPLETE);
  }

  private EtlScenario scenario(EtlTestEnvironment env) {
    EtlScenario s = new EtlScenario(env, tmp, 2);
    s.onlyTopic(s.raw).set("etl.merge.after.run", "false");
    s.sendRaw(0, 12);
    s.sendRaw(1, 5);
    s.database().migrate();
    return s;
  }

  private String awaitSubmitted(DriverKilledAfterSubmit dead) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (dead.jobId() == null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no job submitted within 2 minutes");
      }
      Thread.sleep(200);
    }
    jobsStarted.add(dead.jobId());
    return dead.jobId();
  }

  /** MySQL stops the moment the job is submitted, before its id is recorded. */
  private static final class MySqlGoneAtSubmit extends DelegatingOffsetStore {
    private final MariaDbFixture db;
    private final List<String> submitted;

    MySqlGoneAtSubmit(OffsetStore real, MariaDbFixture db, List<String> submitted) {
      super(real);
      this.db = db;
      this.submitted = submitted;
    }

    @Override
    public void recordJob(long runId, String jobId) {
      submitted.add(jobId);
      db.stop();
      super.recordJob(runId, jobId);
    }
  }

  /** Notes every job recorded; runs {@code afterStart} with the run id right after the run is stored. */
  private static final class JobsRecorded extends DelegatingOffsetStore {
    final List<String> jobs = new CopyOnWriteArrayList<>();
    private final java.util.function.BiConsumer<Long, OffsetStore> afterStart;
    private final OffsetStore real;

    JobsRecorded(OffsetStore real, java.util.function.BiConsumer<Long, OffsetStore> afterStart) {
      super(real);
      this.real = real;
      this.afterStart = afterStart;
    }

    @Override
    public long startRun(HourPartition hour, Instant startedAt, List<KafkaEvent> planned, List<KafkaEvent> lost,
        java.util.Map<String, String> topicIds) {
      long runId = super.startRun(hour, startedAt, planned, lost, topicIds);
      afterStart.accept(runId, real);
      return runId;
    }

    @Override
    public void recordJob(long runId, String jobId) {
      jobs.add(jobId);
      super.recordJob(runId, jobId);
    }
  }
}
