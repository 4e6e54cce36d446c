package org.kafkaetl.it.soak;

import java.util.Optional;
import org.apache.hadoop.mapred.TIPStatus;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskReport;
import org.apache.hadoop.mapreduce.TaskType;

/** Kills a running map task attempt while it writes; MapReduce runs the task again. */
final class TaskAttemptKiller implements StrikesWhileReading {
  @Override
  public FaultClass faultClass() {
    return FaultClass.TASK_ATTEMPT_KILLED;
  }

  @Override
  public void strike(SimulatedHour hour, Job job) throws Exception {
    TaskAttemptID attempt = awaitRunningAttempt(job);
    hour.log.line("killing task attempt " + attempt);
    job.killTask(attempt, false);
  }

  private static TaskAttemptID awaitRunningAttempt(Job job) throws Exception {
    for (int i = 0; i < 120; i++) {
      Optional<TaskAttemptID> attempt = runningAttempt(job);
      if (attempt.isPresent()) {
        return attempt.get();
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("no running map attempt in " + job.getJobID());
  }

  static Optional<TaskAttemptID> runningAttempt(Job job) throws Exception {
    for (TaskReport report : job.getTaskReports(TaskType.MAP)) {
      if (report.getCurrentStatus() == TIPStatus.RUNNING && !report.getRunningTaskAttemptIds().isEmpty()) {
        return Optional.of(report.getRunningTaskAttemptIds().iterator().next());
      }
    }
    return Optional.empty();
  }
}
