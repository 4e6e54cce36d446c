package org.kafkaetl.it.soak;

import org.apache.hadoop.fs.Path;

/**
 * The warehouse's space quota runs out while the hour is merged (appends and new daily files are
 * refused), and is cleared after the merge. The daily files must be left as they were, and the
 * page must print the merge commands that finish the job.
 */
final class QuotaWhileMerging implements FaultInjector {
  @Override
  public FaultClass faultClass() {
    return FaultClass.QUOTA_WHILE_MERGING;
  }

  @Override
  public void inject(SimulatedHour hour) throws Exception {
    SoakRunner.Outcome outcome = hour.runner.run(hour.now, hour.scenario.offsetStore(), offsets -> offsets);
    Path warehouse = new Path(hour.scenario.properties().get("etl.warehouse.root"), hour.scenario.raw);
    try (HdfsQuota quota = HdfsQuota.exhaust(hour.env.hadoop().fileSystem(), warehouse)) {
      hour.log.line("exhausted the " + quota);
      hour.markInjected();
      hour.mergeAfter(outcome);
    }
    hour.log.line("cleared the quota on " + warehouse);
  }
}
