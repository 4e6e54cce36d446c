package org.kafkaetl.mapreduce.job;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.kafkaetl.core.EtlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job taken from submission to its end: submitted, waited for, and killed (and waited for again)
 * when the driver loses contact or is interrupted, so no job outlives the attempt unless even the
 * kill fails ({@link JobGuard}). A job that fails is an outcome, not an exception.
 *
 * @param succeeded whether the job ended successfully
 * @param failure why not; null when it succeeded
 * @param jobTime from submitting the job to its end (start-up, tasks and commit); zero when it was not submitted
 */
record JobAttempt(boolean succeeded, String failure, Duration jobTime) {
  private static final Logger LOG = LoggerFactory.getLogger(JobAttempt.class);

  /** Builds and submits the job. */
  @FunctionalInterface
  interface Submission {
    SubmittedJob submit() throws IOException, InterruptedException, ClassNotFoundException;
  }

  /**
   * @param what the job's hour and run, for the log and the failure
   * @param submitted told the job id once the job is submitted, before it is waited for
   * @param stopSubmittedAnyway run when the submission failed: the job may have reached the cluster all the same
   */
  static JobAttempt run(Submission submission, Duration killWait, String what, Consumer<String> submitted,
      Runnable stopSubmittedAnyway) {
    String failure = null;
    boolean succeeded = false;
    boolean interrupted = false;
    long start = System.nanoTime();
    Duration jobTime = Duration.ZERO;
    try {
      SubmittedJob job = submission.submit();
      try (JobGuard guard = JobGuard.watch(job, killWait)) {
        submitted.accept(job.id());
        try {
          succeeded = job.awaitCompletion();
          jobTime = Duration.ofNanos(System.nanoTime() - start);
          guard.ended();
        } catch (IOException e) {
          LOG.error("lost contact with job {} of {}; killing it", job.id(), what, e);
          guard.killAndAwaitEnd();
          failure = "lost contact with job " + job.id() + " while waiting for it (" + e.getMessage()
              + "); it was killed and has ended";
        } catch (InterruptedException e) {
          interrupted = true;
          guard.killAndAwaitEnd();
          failure = "interrupted while waiting for job " + job.id() + "; it was killed and has ended";
        }
      }
      if (failure == null) {
        String endState = endState(job);
        failure = succeeded ? null : "job " + job.id() + " ended " + endState;
        LOG.info("job {} for {} finished in {} ms: {}", job.id(), what, jobTime.toMillis(), endState);
      }
    } catch (IOException e) {
      LOG.error("job for {} could not be submitted", what, e);
      stopSubmittedAnyway.run();
      failure = "could not submit the job: " + e;
    } catch (InterruptedException e) {
      interrupted = true;
      stopSubmittedAnyway.run();
      failure = "interrupted while submitting the job";
    } catch (ClassNotFoundException e) {
      throw new EtlException("job classes missing from the job jar", e);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return new JobAttempt(succeeded, failure, jobTime);
  }

  /** How the ended job ended, and its counters in the log; the job is over, so a failure to ask costs only words. */
  private static String endState(SubmittedJob job) {
    try {
      job.logCounters();
      return job.endState();
    } catch (IOException e) {
      return "(its state cannot be read: " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted while reading its state)";
    }
  }
}
