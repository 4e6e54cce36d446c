package org.kafkaetl.mapreduce.job;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.ApplicationNotFoundException;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.kafkaetl.core.EtlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops jobs that outlived the driver that submitted them. Killing a driver does not kill its
 * MapReduce job; until the job is over it may still commit files into ranges the next run settles
 * or reads again, so the next run stops it first. Asks YARN's ResourceManager, not the job
 * history server: the RM knows every running application, and one it no longer knows is over.
 */
public final class RunningJobs {
  private static final Logger LOG = LoggerFactory.getLogger(RunningJobs.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Set<YarnApplicationState> ENDED =
      EnumSet.of(YarnApplicationState.FINISHED, YarnApplicationState.FAILED, YarnApplicationState.KILLED);

  private final Configuration hadoopConf;
  private final Duration killWait;

  public RunningJobs(Configuration hadoopConf, Duration killWait) {
    this.hadoopConf = hadoopConf;
    this.killWait = killWait;
  }

  /** What became of a job. */
  public enum Stopped { NOT_FOUND, ALREADY_ENDED, KILLED }

  /**
   * Kills the job if it still runs and waits until it has ended. A local-mode job ran inside the
   * dead driver's JVM, so it died with it.
   *
   * @throws EtlException if YARN cannot say, or the job does not end within the wait: the run must
   *     not go on while the job may still commit
   */
  public Stopped stop(String jobId) {
    if (!jobId.startsWith("job_") || jobId.startsWith("job_local")) {
      return Stopped.NOT_FOUND;
    }
    ApplicationId app = ApplicationId.fromString(jobId.replaceFirst("^job_", "application_"));
    try (YarnClient yarn = YarnClient.createYarnClient()) {
      yarn.init(hadoopConf);
      yarn.start();
      if (ended(yarn, app)) {
        return Stopped.ALREADY_ENDED;
      }
      LOG.warn("job {} of a dead run is still running; killing it", jobId);
      yarn.killApplication(app);
      awaitEnd(yarn, app, jobId);
      return Stopped.KILLED;
    } catch (ApplicationNotFoundException e) {
      return Stopped.NOT_FOUND;
    } catch (IOException | YarnException e) {
      throw new EtlException("cannot find out whether job " + jobId + " of a dead run still runs: " + e.getMessage()
          + "; kill it (" + killCommand(jobId) + ") and run again", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EtlException("interrupted while stopping job " + jobId, e);
    }
  }

  /**
   * The YARN application tag every job of a run carries, so the run's job can be found through the
   * ResourceManager even when its id was never recorded (the database failed right after submit, or
   * the driver was killed in between). The work root is hashed in, so deployments sharing a cluster
   * (each with its own run ids) never find each other's jobs; YARN lowercases tags and limits them to
   * 100 characters, which this form respects.
   */
  public static String runTag(String workRoot, long runId) {
    return workRootTagPrefix(workRoot) + runId;
  }

  /** What the run tags of every job of one work root begin with. */
  public static String workRootTagPrefix(String workRoot) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(workRoot.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "kafka-etl-" + java.util.HexFormat.of().formatHex(digest, 0, 8) + "-run-";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /**
   * The jobs carrying {@code tag} that YARN still runs (or has not started yet). Empty in Hadoop
   * local mode: a local job ran inside its driver's JVM and died with it.
   *
   * @throws EtlException if the ResourceManager cannot say
   */
  public java.util.List<String> unfinishedJobsTagged(String tag) {
    // JobConf adds mapred-site.xml, where a cluster names its framework, to every configuration.
    if (!"yarn".equals(new org.apache.hadoop.mapred.JobConf(hadoopConf).get("mapreduce.framework.name", "local"))) {
      return java.util.List.of();
    }
    try (YarnClient yarn = YarnClient.createYarnClient()) {
      yarn.init(hadoopConf);
      yarn.start();
      EnumSet<YarnApplicationState> live = EnumSet.complementOf(EnumSet.copyOf(ENDED));
      return yarn.getApplications(Set.of(), live, Set.of(tag)).stream()
          .map(report -> report.getApplicationId().toString().replaceFirst("^application_", "job_"))
          .sorted().toList();
    } catch (IOException | YarnException e) {
      throw new EtlException("cannot ask the ResourceManager for jobs tagged " + tag + ": " + e.getMessage(), e);
    }
  }

  /** What an operator runs when this tool cannot stop the job itself. */
  public static String killCommand(String jobId) {
    return "yarn application -kill " + jobId.replaceFirst("^job_", "application_");
  }

  private static boolean ended(YarnClient yarn, ApplicationId app) throws IOException, YarnException {
    return ENDED.contains(yarn.getApplicationReport(app).getYarnApplicationState());
  }

  private void awaitEnd(YarnClient yarn, ApplicationId app, String jobId)
      throws IOException, YarnException, InterruptedException {
    long deadline = System.nanoTime() + killWait.toNanos();
    while (!ended(yarn, app)) {
      if (System.nanoTime() > deadline) {
        throw new EtlException("job " + jobId + " of a dead run did not end within " + killWait + " of being killed;"
            + " kill it (" + killCommand(jobId) + ") and run again");
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
