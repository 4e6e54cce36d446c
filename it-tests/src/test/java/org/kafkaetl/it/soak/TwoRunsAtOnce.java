package org.kafkaetl.it.soak;

import org.apache.hadoop.mapreduce.Job;

/**
 * A second hourly run starts while the first one's job reads (cron fired twice, or a run was started
 * by hand): it must exit 4 (locked) and do nothing.
 */
final class TwoRunsAtOnce implements StrikesWhileReading {
  @Override
  public FaultClass faultClass() {
    return FaultClass.TWO_RUNS_AT_ONCE;
  }

  @Override
  public void strike(SimulatedHour hour, Job job) throws Exception {
    SoakRunner.Outcome second = hour.runner.run(hour.now, hour.scenario.offsetStore(), offsets -> offsets);
    hour.log.line("second run at once: " + second);
    if (second.exitCode() != 4) {
      throw new IllegalStateException("a second run while one holds the lock must exit 4; got " + second);
    }
  }
}
