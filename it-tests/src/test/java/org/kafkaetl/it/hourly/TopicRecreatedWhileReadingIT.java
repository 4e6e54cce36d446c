package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.AlertCapture;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.HourlyRuns;
import org.kafkaetl.it.support.RecreatedTopics;
import org.kafkaetl.it.support.StuckJobs;
import org.kafkaetl.mapreduce.driver.RunResult;

/**
 * A topic deleted and created again while a job reads it: the job's consumer goes on at its
 * position in the new incarnation, so the range it finishes holds the old incarnation's first
 * offsets and the new one's next. Such a read is not recorded COMPLETE: the old incarnation's
 * offsets it had not read before are LOST, its files go to the hour's junk directory, and the new
 * incarnation is read from its first offset by the next run, each of its messages once.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class TopicRecreatedWhileReadingIT {
  private static final int NEW = 30;

  @TempDir
  java.nio.file.Path tmp;

  private final List<String> jobsStarted = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A stuck job left running would hold the minicluster's only NodeManager for minutes. */
  @AfterEach
  void killLeftoverJobs(EtlTestEnvironment env) throws Exception {
    try (YarnClient yarn = StuckJobs.yarn(env)) {
      for (String jobId : jobsStarted) {
        yarn.killApplication(StuckJobs.applicationOf(jobId));
      }
    }
  }

  @Test
  void aReadInFlightWhenItsTopicIsRecreatedIsNotRecordedComplete(EtlTestEnvironment env) throws Exception {
    EtlScenario s = StuckJobs.scenario(env, tmp);
    String oldId = RecreatedTopics.topicId(env, s.raw);

    RunResult run;
    List<String> alerts;
    try (AlertCapture capture = new AlertCapture()) {
      CompletableFuture<RunResult> running = CompletableFuture.supplyAsync(() -> HourlyRuns.run(s,
          env.hadoop().configuration(), Instant.now(), s.offsetStore(), StuckJobs::aheadOfWritten));
      String jobId = awaitJobOfRun(s);
      StuckJobs.awaitReading(env, jobId);
      RecreatedTopics.recreate(env, s.raw, oldId);
      for (int i = 0; i < NEW; i++) {
        env.kafka().produce(s.raw, 0, null, ("new-" + i).getBytes(StandardCharsets.UTF_8));
      }
      env.kafka().flush();
      run = running.get(4, TimeUnit.MINUTES);
      alerts = capture.alerts();
    }

    List<RangeRecord> old = s.offsetStore().allRanges(s.raw);
    assertThat(old).as(run.message()).singleElement().satisfies(r -> {
      assertThat(r.state()).as("a read that met the new incarnation is not the old one's").isEqualTo(RangeState.LOST);
      assertThat(r.topicId()).isEqualTo(oldId);
    });
    assertThat(s.offsetStore().lostRanges(s.raw)).as("the old incarnation's offsets the discarded read held")
        .containsExactly(new KafkaEvent(old.get(0).event().partition(), new OffsetRange(0, 20 + StuckJobs.AHEAD)));
    assertThat(run.exitCode()).as(run.message()).isEqualTo(ExitCode.DATA_LOST);
    assertThat(alerts).as(String.join("\n", alerts)).anySatisfy(a -> assertThat(a)
        .contains("recreated", s.raw, "_junk"));
    assertThat(env.hadoop().fileSystem().exists(new Path(s.workRoot + "/" + old.get(0).hour() + "/_junk")))
        .as("the discarded read's files are kept aside, not deleted").isTrue();

    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp.resolve("next"), s.properties());
    EtlCli.Result next = cli.run("run");
    assertThat(next.exitCode()).as(next.toString()).isZero();
    List<String> newMessages = IntStream.range(0, NEW).mapToObj(i -> "new-" + i).toList();
    assertThat(RecreatedTopics.landedValues(env, s.workRoot)).as("the new incarnation's messages once each, none in the old"
        + " range's files").containsExactlyInAnyOrderElementsOf(newMessages);
    assertThat(s.offsetStore().allRanges(s.raw)).filteredOn(r -> r.incarnation() == 1)
        .extracting(RangeRecord::state).containsOnly(RangeState.COMPLETE);

    // Junk is not data: the merge takes nothing from it and the audit finds nothing left over.
    String date = old.get(0).hour().date().toString();
    EtlCli.Result merge = cli.run("merge", "--topic", s.raw, "--date", date);
    assertThat(merge.exitCode()).as(merge.toString()).isZero();
    assertThat(RecreatedTopics.landedValues(env, s.properties().get("etl.warehouse.root"))).as("the daily file")
        .containsExactlyInAnyOrderElementsOf(newMessages);
    EtlCli.Result audit = cli.run("audit", "--topic", s.raw, "--date", date);
    assertThat(audit.out()).as(audit.toString()).contains("audit " + s.raw + " " + date + ": CLEAN");
  }


  /** The job id the run recorded in etl_runs once it submitted its job. */
  private String awaitJobOfRun(EtlScenario s) throws InterruptedException {
    String job = StuckJobs.awaitJobOfRun(s);
    jobsStarted.add(job);
    return job;
  }

  /** Waits until the job's map task runs, so the topic is recreated while it reads (it is stuck). */
}
