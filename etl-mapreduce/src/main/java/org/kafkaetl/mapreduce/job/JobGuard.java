package org.kafkaetl.mapreduce.job;

import java.io.IOException;
import java.time.Duration;
import org.kafkaetl.core.EtlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a submitted job from outliving its driver. A MapReduce job runs on in YARN whatever
 * becomes of the JVM that submitted it, and a job nobody waits for may commit files into ranges
 * that are meanwhile settled and read again by another job. So from submission until the job is
 * known to have ended, every way out of the driver kills it: an exception (the database failing as
 * the job id is recorded), a failed or interrupted wait (ResourceManager failover), and SIGTERM
 * (a shutdown hook). Only SIGKILL escapes; the next run then finds the job by its run tag.
 */
final class JobGuard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobGuard.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final SubmittedJob job;
  private final Duration killWait;
  private final Thread shutdownHook;
  private volatile boolean ended;

  private JobGuard(SubmittedJob job, Duration killWait) {
    this.job = job;
    this.killWait = killWait;
    this.shutdownHook = new Thread(this::killOnShutdown, "kafka-etl-kill-" + job.id());
  }

  /** Guards {@code job} until {@link #close}. */
  static JobGuard watch(SubmittedJob job, Duration killWait) {
    JobGuard guard = new JobGuard(job, killWait);
    Runtime.getRuntime().addShutdownHook(guard.shutdownHook);
    return guard;
  }

  /** The job ended by itself: nothing to kill. */
  void ended() {
    ended = true;
  }

  /**
   * Kills the job and waits until the cluster says it has ended, so nothing of it commits after
   * this returns. Keeps the caller's interrupt status, but waits even if interrupted.
   *
   * @throws EtlException if the job cannot be killed or does not end within the wait: it may still
   *     commit, so the driver must not record outcomes (the next run stops the job first)
   */
  void killAndAwaitEnd() {
    boolean interrupted = Thread.interrupted();
    try {
      long deadline = System.nanoTime() + killWait.toNanos();
      job.kill();
      while (!job.isComplete()) {
        if (System.nanoTime() > deadline) {
          throw mayStillRun("it did not end within " + killWait + " of being killed", null);
        }
        interrupted |= sleepWasInterrupted();
      }
      ended = true;
      LOG.warn("job {} killed; it has ended", job.id());
    } catch (IOException e) {
      throw mayStillRun("cannot kill it: " + e.getMessage(), e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private JobMayStillRunException mayStillRun(String why, Exception cause) {
    return new JobMayStillRunException(job.id(), "job " + job.id() + " may still be running: " + why + "; kill it ("
        + RunningJobs.killCommand(job.id()) + "); the next run stops it too before it settles its ranges", cause);
  }

  /** Keeps waiting when interrupted: returning early would let the driver record outcomes while the job may commit. */
  private static boolean sleepWasInterrupted() {
    try {
      Thread.sleep(POLL.toMillis());
      return false;
    } catch (InterruptedException e) {
      return true;
    }
  }

  /** Kills the job unless it ended; an exception already on its way out keeps precedence. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down; the hook kills the job
    }
    if (!ended) {
      LOG.warn("the driver is leaving before job {} ended; killing it", job.id());
      killAndAwaitEnd();
    }
  }

  private void killOnShutdown() {
    if (ended) {
      return;
    }
    try {
      LOG.warn("the driver is shutting down before job {} ended; killing it", job.id());
      job.kill();
    } catch (IOException | RuntimeException e) {
      LOG.error("could not kill job {} at shutdown ({}); the next run stops it: {}", job.id(), e.getMessage(),
          RunningJobs.killCommand(job.id()));
    }
  }
}
