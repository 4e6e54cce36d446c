package org.kafkaetl.mapreduce.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.plan.MapperAssignment;

/**
 * The driver never leaves its job behind: whatever ends the wait for it (a ResourceManager
 * failover, an interrupt, the database failing as the job id is recorded), the job is killed and
 * waited for before the driver goes on, and if it cannot be stopped nothing is recorded as read.
 */
class EtlJobRunnerTest {
  private static final KafkaEvent EVENT = new KafkaEvent(TopicPartition.of("t", 0), new OffsetRange(0, 10));
  private static final HourPartition HOUR = HourPartition.parse("2026120310");

  @TempDir
  Path work;

  @Test
  void aFailedWaitKillsTheJobAndWaitsForItsEndBeforeReportingWhatCommitted() {
    FakeJob job = new FakeJob();
    job.waitFails = new IOException("Failed on local exception: ResourceManager failed over");

    EtlJobRunner.JobOutcome outcome = runner(job).run(HOUR, 7, assignments(), id -> { }, IncarnationCheck.NONE);

    assertThat(job.killed).as("the job was killed").isTrue();
    assertThat(job.completeAsked).as("and waited for until it ended").isGreaterThan(0);
    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.failure()).contains("job_1_0001", "killed", "ResourceManager failed over");
    assertThat(outcome.reports().reports()).as("nothing committed").isEmpty();
  }

  @Test
  void anInterruptedWaitKillsTheJobAndKeepsTheInterrupt() {
    FakeJob job = new FakeJob();
    job.waitInterrupted = true;

    EtlJobRunner.JobOutcome outcome = runner(job).run(HOUR, 7, assignments(), id -> { }, IncarnationCheck.NONE);

    assertThat(job.killed).isTrue();
    assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.failure()).contains("interrupted", "killed");
  }

  @Test
  void aJobWhoseIdCannotBeRecordedIsKilledBeforeTheFailureGoesOn() {
    FakeJob job = new FakeJob();
    RuntimeException databaseDown = new RuntimeException("cannot connect to the database");

    assertThatThrownBy(() -> runner(job).run(HOUR, 7, assignments(), id -> {
      throw databaseDown;
    }, IncarnationCheck.NONE)).isSameAs(databaseDown);
    assertThat(job.killed).isTrue();
    assertThat(job.awaited).as("never waited for as if nothing happened").isFalse();
  }

  @Test
  void aJobThatCannotBeKilledStopsTheRunWithoutAnOutcome() {
    FakeJob job = new FakeJob();
    job.waitFails = new IOException("ResourceManager unreachable");
    job.killFails = new IOException("ResourceManager unreachable");

    assertThatThrownBy(() -> runner(job).run(HOUR, 7, assignments(), id -> { }, IncarnationCheck.NONE))
        .isInstanceOf(EtlException.class)
        .hasMessageContaining("job_1_0001")
        .hasMessageContaining("yarn application -kill application_1_0001");
  }

  private EtlJobRunner runner(FakeJob job) {
    EtlConfig config = EtlConfig.parse(Map.of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:mysql://db/etl",
        "db.user", "etl", "db.password", "x", "etl.topics", "t", "etl.work.root", work.toUri().toString()));
    Configuration conf = new Configuration(false);
    conf.set("fs.defaultFS", "file:///");
    return new EtlJobRunner(conf, config, Map.of(), submitted -> job, java.time.Duration.ofSeconds(5));
  }

  private static List<MapperAssignment> assignments() {
    return List.of(new MapperAssignment(List.of(EVENT), 10));
  }

  /** A job YARN would run; ends only when killed. */
  private static final class FakeJob implements SubmittedJob {
    IOException waitFails;
    IOException killFails;
    boolean waitInterrupted;
    boolean killed;
    boolean awaited;
    int completeAsked;

    @Override
    public String id() {
      return "job_1_0001";
    }

    @Override
    public boolean awaitCompletion() throws IOException, InterruptedException {
      awaited = true;
      if (waitFails != null) {
        throw waitFails;
      }
      if (waitInterrupted) {
        throw new InterruptedException("driver interrupted");
      }
      return true;
    }

    @Override
    public boolean isComplete() throws IOException {
      completeAsked++;
      if (killFails != null) {
        throw killFails;
      }
      return killed;
    }

    @Override
    public void kill() throws IOException {
      if (killFails != null) {
        throw killFails;
      }
      killed = true;
    }

    @Override
    public String endState() {
      return killed ? "KILLED: killed" : "SUCCEEDED: ";
    }

    @Override
    public void logCounters() {}
  }
}
