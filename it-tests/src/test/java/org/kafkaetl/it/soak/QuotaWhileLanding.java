package org.kafkaetl.it.soak;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;

/**
 * The work directory's space quota runs out while the job lands (HDFS refuses new blocks: the
 * task's report and any new file fail), and is cleared once the run has ended. The ranges must be
 * left for a retry, and paged with the command that re-reads them.
 */
final class QuotaWhileLanding implements StrikesWhileReading {
  private HdfsQuota quota;

  @Override
  public FaultClass faultClass() {
    return FaultClass.QUOTA_WHILE_LANDING;
  }

  @Override
  public void strike(SimulatedHour hour, Job job) throws Exception {
    quota = HdfsQuota.exhaust(hour.env.hadoop().fileSystem(), new Path(hour.scenario.workRoot));
    hour.log.line("exhausted the " + quota);
  }

  @Override
  public void afterRun(SimulatedHour hour) throws Exception {
    if (quota != null) {
      quota.close();
      hour.log.line("cleared the " + quota);
      quota = null;
    }
  }
}
