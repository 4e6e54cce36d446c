package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.AlertCapture;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.HourlyRuns;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.StuckJobs;
import org.kafkaetl.mapreduce.job.JobLauncher;
import org.kafkaetl.mapreduce.job.SubmittedJob;

/**
 * The driver loses the cluster while it waits for its job and cannot kill it either (found by the
 * soak: a NameNode restart left the job's status unreadable). The job may still commit, so the run
 * records nothing and exits 1 — and it must page, with the command that kills the job: cron's mail
 * is not a page, and the job may hold the cluster until someone acts.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class UnreachableJobIT {
  @TempDir
  java.nio.file.Path tmp;

  @Test
  void aJobTheDriverCanNeitherWaitForNorKillIsPagedWithItsKillCommand(EtlTestEnvironment env) throws Exception {
    EtlScenario s = StuckJobs.scenario(env, tmp);
    UnreachableCluster launcher = new UnreachableCluster();
    List<String> alerts;
    try (AlertCapture capture = new AlertCapture()) {
      assertThatThrownBy(() -> HourlyRuns.run(s, env.hadoop().configuration(), Instant.now(), s.offsetStore(),
          StuckJobs::aheadOfWritten, launcher)).isInstanceOf(EtlException.class)
          .hasMessageContaining("may still be running");
      alerts = capture.alerts();
    } finally {
      if (launcher.jobId != null) {
        try (YarnClient yarn = StuckJobs.yarn(env)) {
          yarn.killApplication(StuckJobs.applicationOf(launcher.jobId));
        }
      }
    }
    String app = launcher.jobId.replace("job_", "application_");
    assertThat(alerts).as(alerts.toString()).anySatisfy(a -> assertThat(a)
        .contains("CRITICAL", launcher.jobId, "may still be running", "yarn application -kill " + app, " run"));

    Map<TopicPartition, List<Long>> sent = StuckJobs.writeTheMissingMessages(s);
    EtlCli.Result next = new EtlCli(env.hadoop().configuration(), tmp.resolve("next"), s.properties()).run("run");
    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot), s.raw)).isEqualTo(sent);
    assertThat(s.offsetStore().allRanges(s.raw)).extracting(RangeRecord::state).containsOnly(RangeState.COMPLETE);
  }

  /** Submits for real; then the ResourceManager cannot be reached: not to wait, not to kill. */
  private static final class UnreachableCluster implements JobLauncher {
    volatile String jobId;

    @Override
    public SubmittedJob submit(Job job) throws IOException, InterruptedException, ClassNotFoundException {
      job.submit();
      jobId = job.getJobID().toString();
      return new SubmittedJob() {
        @Override
        public String id() {
          return jobId;
        }

        @Override
        public boolean awaitCompletion() throws IOException {
          throw unreachable();
        }

        @Override
        public boolean isComplete() throws IOException {
          throw unreachable();
        }

        @Override
        public void kill() throws IOException {
          throw unreachable();
        }

        @Override
        public String endState() throws IOException {
          throw unreachable();
        }

        @Override
        public void logCounters() {}
      };
    }

    private static IOException unreachable() {
      return new IOException("Job status not available (the ResourceManager cannot be reached)");
    }
  }
}
