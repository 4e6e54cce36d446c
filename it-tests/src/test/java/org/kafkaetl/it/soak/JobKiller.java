package org.kafkaetl.it.soak;

import org.apache.hadoop.mapreduce.Job;

/** Kills the whole MapReduce job while it reads, as {@code mapred job -kill} would. */
final class JobKiller implements StrikesWhileReading {
  @Override
  public FaultClass faultClass() {
    return FaultClass.JOB_KILLED;
  }

  @Override
  public void strike(SimulatedHour hour, Job job) throws Exception {
    hour.log.line("killing job " + job.getJobID());
    job.killJob();
  }
}
