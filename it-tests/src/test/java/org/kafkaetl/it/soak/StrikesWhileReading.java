package org.kafkaetl.it.soak;

import org.apache.hadoop.mapreduce.Job;

/**
 * A fault that strikes the hour's job while it reads. Several of them can strike one job at once
 * ({@link StrikeTogether}); on its own, {@link #inject} runs the hour with this one.
 */
interface StrikesWhileReading extends FaultInjector {
  /** Acts on the running job; a stop that belongs to the strike (a restart a moment later) ends in it. */
  void strike(SimulatedHour hour, Job job) throws Exception;

  /** After the run, before the merge: undoes what must not outlive the run. */
  default void afterRun(SimulatedHour hour) throws Exception {}

  /** After the merge: undoes what was meant to last through it. */
  default void afterMerge(SimulatedHour hour) throws Exception {}

  @Override
  default void inject(SimulatedHour hour) throws Exception {
    try {
      SoakRunner.Outcome outcome;
      try {
        outcome = hour.runWhileReading(hour.scenario.offsetStore(), job -> strike(hour, job));
      } finally {
        afterRun(hour);
      }
      hour.mergeAfter(outcome);
    } finally {
      afterMerge(hour);
    }
  }
}
