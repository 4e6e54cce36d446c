package org.kafkaetl.mapreduce.job;

import java.io.IOException;

/**
 * A MapReduce job once submitted: what the driver needs to wait for it, and to kill it when the
 * driver cannot wait any longer. An interface so a test can stand in for YARN (a failover while
 * waiting, a job that will not die).
 */
public interface SubmittedJob {
  /** The job id, e.g. {@code job_1700000000000_0042}. */
  String id();

  /**
   * Blocks until the job has ended.
   *
   * @return whether it succeeded
   * @throws IOException if the ResourceManager or the job's ApplicationMaster cannot be asked (the
   *     job may still be running)
   */
  boolean awaitCompletion() throws IOException, InterruptedException;

  /** Whether the job has ended; asks the cluster. */
  boolean isComplete() throws IOException;

  /** Asks the cluster to kill the job; returns without waiting for it to end. */
  void kill() throws IOException;

  /** How the job ended, e.g. "KILLED: Task failed …", for the run's message. */
  String endState() throws IOException, InterruptedException;

  /** Logs the job's kafka-etl counters. */
  void logCounters() throws IOException;
}
