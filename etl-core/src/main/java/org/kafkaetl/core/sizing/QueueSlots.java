package org.kafkaetl.core.sizing;

/**
 * How many map tasks the run's job can have running side by side in its queue, as the cluster
 * answered at planning time: more map tasks than this would only wait for containers.
 *
 * @param queue the queue jobs are submitted to ({@code mapreduce.job.queuename})
 * @param mapTasks map tasks that fit at once beside the job's own master; at least 1
 * @param basis what the count was worked out from (resources and one map task's request), for the log
 */
public record QueueSlots(String queue, int mapTasks, String basis) {
  public QueueSlots {
    if (mapTasks < 1) {
      throw new IllegalArgumentException("queue " + queue + " must run at least one map task, got " + mapTasks);
    }
  }

  /** One line naming the queue and its room, for the log and the bound that stops a run. */
  public String describe() {
    return "queue " + queue + " runs " + mapTasks + " map tasks side by side (" + basis + ")";
  }
}
