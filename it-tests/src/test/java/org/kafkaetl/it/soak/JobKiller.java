package org.kafkaetl.it.soak;

/** Kills the whole MapReduce job while it reads, as {@code mapred job -kill} would. */
final class JobKiller implements FaultInjector {
  @Override
  public FaultClass faultClass() {
    return FaultClass.JOB_KILLED;
  }

  @Override
  public void inject(SimulatedHour hour) {
    hour.mergeAfter(hour.runWhileReading(hour.scenario.offsetStore(), job -> {
      hour.log.line("killing job " + job.getJobID());
      job.killJob();
    }));
  }
}
