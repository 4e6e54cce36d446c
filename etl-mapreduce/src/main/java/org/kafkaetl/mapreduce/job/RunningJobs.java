package org.kafkaetl.mapreduce.job;

import java.io.IOException;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Cluster;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobID;
import org.kafkaetl.core.EtlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops jobs that outlived the driver that submitted them. Killing a driver does not kill its
 * MapReduce job; until the job is over it may still commit files into ranges the next run settles
 * or reads again, so the next run stops it first.
 */
public final class RunningJobs {
  private static final Logger LOG = LoggerFactory.getLogger(RunningJobs.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final Configuration hadoopConf;
  private final Duration killWait;

  public RunningJobs(Configuration hadoopConf, Duration killWait) {
    this.hadoopConf = hadoopConf;
    this.killWait = killWait;
  }

  /** What became of a job. */
  public enum Stopped { NOT_FOUND, ALREADY_ENDED, KILLED }

  /**
   * Kills the job if it still runs and waits until it has ended.
   *
   * @throws EtlException if the cluster cannot say, or the job does not end within the wait: the
   *     run must not go on while the job may still commit
   */
  public Stopped stop(String jobId) {
    try {
      Cluster cluster = new Cluster(hadoopConf);
      try {
        Job job = cluster.getJob(JobID.forName(jobId));
        if (job == null) {
          return Stopped.NOT_FOUND;
        }
        if (job.isComplete()) {
          return Stopped.ALREADY_ENDED;
        }
        LOG.warn("job {} of a dead run is still running; killing it", jobId);
        job.killJob();
        awaitEnd(job, jobId);
        return Stopped.KILLED;
      } finally {
        cluster.close();
      }
    } catch (IOException e) {
      throw new EtlException("cannot find out whether job " + jobId + " of a dead run still runs: " + e.getMessage()
          + "; kill it (mapred job -kill " + jobId + ") and run again", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EtlException("interrupted while stopping job " + jobId, e);
    }
  }

  private void awaitEnd(Job job, String jobId) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + killWait.toNanos();
    while (!job.isComplete()) {
      if (System.nanoTime() > deadline) {
        throw new EtlException("job " + jobId + " of a dead run did not end within " + killWait + " of being killed;"
            + " kill it (mapred job -kill " + jobId + ") and run again");
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
