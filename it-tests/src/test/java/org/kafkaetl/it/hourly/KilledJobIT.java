package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Cluster;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.AlertCapture;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.StuckJobs;
import org.kafkaetl.it.support.HourlyRuns;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.DriverKilledAfterSubmit;
import org.kafkaetl.mapreduce.driver.RunResult;

/**
 * A job killed through YARN ends the run INCOMPLETE with one alert whose command fixes it; a job
 * that outlives its killed driver is stopped by the next run before that run settles its ranges.
 * Both use a partition whose latest offset is ahead of what was written (a stuck partition), so the
 * job is still reading when it is killed; the missing messages are written afterwards.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class KilledJobIT {
  private static final Pattern RERUN = Pattern.compile("hadoop jar kafka-etl-job.jar (rerun .*)");

  @TempDir
  java.nio.file.Path tmp;

  private final List<String> jobsStarted = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A stuck job left running would hold the minicluster's only NodeManager for minutes. */
  @org.junit.jupiter.api.AfterEach
  void killLeftoverJobs(EtlTestEnvironment env) throws Exception {
    try (YarnClient yarn = StuckJobs.yarn(env)) {
      for (String jobId : jobsStarted) {
        yarn.killApplication(StuckJobs.applicationOf(jobId));
      }
    }
  }

  @Test
  void aJobKilledThroughYarnEndsTheRunIncompleteAndTheAlertedCommandFixesIt(EtlTestEnvironment env) throws Exception {
    EtlScenario s = StuckJobs.scenario(env, tmp);
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp.resolve("cli"), s.properties());
    s.set("alerts.fix.config", cli.configFile().toString());

    RunResult run;
    List<String> alerts;
    try (AlertCapture capture = new AlertCapture()) {
      CompletableFuture<RunResult> running = CompletableFuture.supplyAsync(() -> HourlyRuns.run(s,
          env.hadoop().configuration(), Instant.now(), s.offsetStore(), StuckJobs::aheadOfWritten));
      String jobId = awaitJobOfRun(s);
      StuckJobs.awaitReading(env, jobId);
      cluster(env).getJob(JobID.forName(jobId)).killJob();
      run = running.get(3, TimeUnit.MINUTES);
      alerts = capture.alerts();
    }

    assertThat(run.exitCode()).as(run.message()).isEqualTo(ExitCode.INCOMPLETE);
    assertThat(run.message()).contains("KILLED");
    assertThat(run.outcomes()).extracting(RangeOutcome::state).containsOnly(RangeState.INCOMPLETE);
    List<String> incompleteAlerts = alerts.stream().filter(a -> a.contains("incomplete")).toList();
    assertThat(incompleteAlerts).as(alerts.toString()).hasSize(1);
    Matcher command = RERUN.matcher(incompleteAlerts.get(0));
    assertThat(command.find()).as(incompleteAlerts.get(0)).isTrue();

    Map<TopicPartition, List<Long>> sent = StuckJobs.writeTheMissingMessages(s);
    EtlCli.Result fixed = cli.run(command.group(1).split(" "));
    assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
    assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot), s.raw)).isEqualTo(sent);
    assertThat(s.offsetStore().allRanges(s.raw)).extracting(RangeRecord::state).containsOnly(RangeState.COMPLETE);
  }

  @Test
  void theNextRunStopsAJobItsDeadDriverLeftRunningBeforeSettlingIt(EtlTestEnvironment env) throws Exception {
    EtlScenario s = StuckJobs.scenario(env, tmp);
    DriverKilledAfterSubmit dead = new DriverKilledAfterSubmit(s, env.mariaDb(), true);
    CompletableFuture<RunResult> driver = CompletableFuture.supplyAsync(() -> HourlyRuns.run(s,
        env.hadoop().configuration(), Instant.now(), dead, StuckJobs::aheadOfWritten));
    try {
      String jobId = awaitJobOfRun(s);
      StuckJobs.awaitReading(env, jobId);
      assertThat(StuckJobs.applicationState(env, jobId)).as("the job outlived its driver").isEqualTo(YarnApplicationState.RUNNING);
      assertThat(s.offsetStore().allRanges(s.raw)).extracting(RangeRecord::state).containsOnly(RangeState.RUNNING);

      Map<TopicPartition, List<Long>> sent = StuckJobs.writeTheMissingMessages(s);
      EtlCli.Result next;
      List<String> alerts;
      try (AlertCapture capture = new AlertCapture()) {
        next = new EtlCli(env.hadoop().configuration(), tmp.resolve("next"), s.properties()).run("run");
        alerts = capture.alerts();
      }

      assertThat(next.exitCode()).as(next.toString()).isZero();
      assertThat(alerts).as("the ranges it settled and then completed itself page nobody")
          .noneMatch(a -> a.contains("CRITICAL"));
      assertThat(StuckJobs.applicationState(env, jobId)).isEqualTo(YarnApplicationState.KILLED);
      assertThat(s.offsetStore().unfinishedRuns()).isEmpty();
      assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot), s.raw)).isEqualTo(sent);
      assertThat(s.offsetStore().allRanges(s.raw)).extracting(RangeRecord::state).containsOnly(RangeState.COMPLETE);
    } finally {
      dead.release();
    }
    assertThatThrownBy(() -> driver.get(3, TimeUnit.MINUTES)).hasCauseInstanceOf(DriverKilledAfterSubmit.DriverKilled.class);
  }

  /** The job id the run recorded in etl_runs once it submitted its job. */
  private String awaitJobOfRun(EtlScenario s) throws InterruptedException {
    String job = StuckJobs.awaitJobOfRun(s);
    jobsStarted.add(job);
    return job;
  }

  /** Waits until the job's map task runs, so the kill lands while it reads (it cannot finish: it is stuck). */

  private static Job job(EtlTestEnvironment env, String jobId) throws Exception {
    return cluster(env).getJob(JobID.forName(jobId));
  }

  private static Cluster cluster(EtlTestEnvironment env) throws java.io.IOException {
    return new Cluster(env.hadoop().configuration());
  }
}
