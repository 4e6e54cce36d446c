package org.kafkaetl.it.soak;

import org.apache.hadoop.fs.Path;

/**
 * The work directory's space quota runs out while the job lands (HDFS refuses new blocks: the
 * task's report and any new file fail), and is cleared once the run has ended. The ranges must be
 * left for a retry, and paged with the command that re-reads them.
 */
final class QuotaWhileLanding implements FaultInjector {
  @Override
  public FaultClass faultClass() {
    return FaultClass.QUOTA_WHILE_LANDING;
  }

  @Override
  public void inject(SimulatedHour hour) throws Exception {
    HdfsQuota[] quota = new HdfsQuota[1];
    SoakRunner.Outcome outcome;
    try {
      outcome = hour.runWhileReading(hour.scenario.offsetStore(), job -> {
        quota[0] = HdfsQuota.exhaust(hour.env.hadoop().fileSystem(), new Path(hour.scenario.workRoot));
        hour.log.line("exhausted the " + quota[0]);
      });
    } finally {
      if (quota[0] != null) {
        quota[0].close();
        hour.log.line("cleared the " + quota[0]);
      }
    }
    hour.mergeAfter(outcome);
  }
}
