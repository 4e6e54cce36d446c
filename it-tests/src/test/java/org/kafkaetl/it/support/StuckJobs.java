package org.kafkaetl.it.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;

/**
 * A job that cannot finish on its own: the run plans {@link #AHEAD} offsets past what Kafka holds,
 * so its map task waits (stall timeout 5 min) until the test writes them or kills the job; and the
 * ResourceManager's view of such a job.
 */
public final class StuckJobs {
  public static final int AHEAD = 5;

  private StuckJobs() {}

  /** One raw partition with 20 messages, planned as 25 by {@link #aheadOfWritten}. */
  public static EtlScenario scenario(EtlTestEnvironment env, Path tmp) {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    s.onlyTopic(s.raw).set("etl.merge.after.run", "false").set("etl.stall.timeout", "5m")
        .set("etl.max.pull.time", "10m").set("etl.retry.max.attempts", "3");
    s.sendRaw(0, 20);
    s.sent();
    s.database().migrate();
    return s;
  }

  public static List<KafkaPartitionOffsets> aheadOfWritten(List<KafkaPartitionOffsets> real) {
    return real.stream().map(o -> new KafkaPartitionOffsets(o.partition(), o.earliest(), o.latest() + AHEAD,
        o.topicId())).toList();
  }

  /** Writes the offsets the stuck job waits for; returns everything sent. */
  public static Map<TopicPartition, List<Long>> writeTheMissingMessages(EtlScenario s) {
    s.sendRaw(0, AHEAD);
    return s.sent();
  }

  /** From the ResourceManager, which knows the job whether it runs or ended. */
  public static YarnApplicationState applicationState(EtlTestEnvironment env, String jobId) throws Exception {
    try (YarnClient yarn = yarn(env)) {
      return yarn.getApplicationReport(applicationOf(jobId)).getYarnApplicationState();
    }
  }

  public static YarnClient yarn(EtlTestEnvironment env) {
    YarnClient yarn = YarnClient.createYarnClient();
    yarn.init(env.hadoop().configuration());
    yarn.start();
    return yarn;
  }

  public static ApplicationId applicationOf(String jobId) {
    return ApplicationId.fromString(jobId.replace("job_", "application_"));
  }

  /** The job id a run recorded in etl_runs once it submitted its job; fails after two minutes. */
  public static String awaitJobOfRun(EtlScenario s) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      java.util.Optional<String> job = s.offsetStore().unfinishedRuns().stream()
          .map(org.kafkaetl.core.offsets.UnfinishedRun::jobId).flatMap(java.util.Optional::stream).findFirst();
      if (job.isPresent()) {
        return job.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the run recorded no job within 2 minutes");
  }

  /** Waits until the job's map task runs, so what the test does next lands while it reads. */
  public static void awaitReading(EtlTestEnvironment env, String jobId) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      org.apache.hadoop.mapreduce.Job job = new org.apache.hadoop.mapreduce.Cluster(env.hadoop().configuration())
          .getJob(org.apache.hadoop.mapreduce.JobID.forName(jobId));
      if (job != null && job.getJobState() == org.apache.hadoop.mapreduce.JobStatus.State.RUNNING
          && java.util.Arrays.stream(job.getTaskReports(org.apache.hadoop.mapreduce.TaskType.MAP))
              .anyMatch(t -> t.getCurrentStatus() == org.apache.hadoop.mapred.TIPStatus.RUNNING)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("job " + jobId + " did not start reading within 2 minutes");
  }
}
