package org.kafkaetl.mapreduce.job;

import java.io.IOException;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.CounterGroup;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Submits jobs to the cluster the configuration names (YARN, or Hadoop local mode). */
final class HadoopJobs implements JobLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(HadoopJobs.class);

  @Override
  public SubmittedJob submit(Job job) throws IOException, InterruptedException, ClassNotFoundException {
    job.submit();
    return new Submitted(job);
  }

  private record Submitted(Job job) implements SubmittedJob {
    @Override
    public String id() {
      return job.getJobID().toString();
    }

    @Override
    public boolean awaitCompletion() throws IOException, InterruptedException {
      try {
        return job.waitForCompletion(false);
      } catch (ClassNotFoundException e) {
        throw new org.kafkaetl.core.EtlException("job classes missing from the job jar", e);
      }
    }

    @Override
    public boolean isComplete() throws IOException {
      return job.isComplete();
    }

    @Override
    public void kill() throws IOException {
      job.killJob();
    }

    @Override
    public String endState() throws IOException, InterruptedException {
      return job.getJobState() + ": " + job.getStatus().getFailureInfo();
    }

    @Override
    public void logCounters() throws IOException {
      Counters counters = job.getCounters();
      if (counters == null) {
        return;
      }
      for (CounterGroup group : counters) {
        if (group.getName().startsWith("kafka-etl")) {
          for (Counter c : group) {
            LOG.info("{} {}: {}", group.getName(), c.getName(), c.getValue());
          }
        }
      }
    }
  }
}
