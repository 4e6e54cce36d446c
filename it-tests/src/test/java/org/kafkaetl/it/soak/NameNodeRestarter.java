package org.kafkaetl.it.soak;

import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * The NameNode restarts (same ports, same metadata) while the job lands, or at a random moment of
 * the merge after the run. HDFS clients retry; whatever fails must be paged with its command.
 */
final class NameNodeRestarter implements FaultInjector {
  private final boolean whileMerging;

  NameNodeRestarter(boolean whileMerging) {
    this.whileMerging = whileMerging;
  }

  @Override
  public FaultClass faultClass() {
    return whileMerging ? FaultClass.NAMENODE_RESTARTED_MERGING : FaultClass.NAMENODE_RESTARTED_LANDING;
  }

  @Override
  public void inject(SimulatedHour hour) throws Exception {
    if (!whileMerging) {
      hour.mergeAfter(hour.runWhileReading(hour.scenario.offsetStore(), job -> restart(hour)));
      return;
    }
    SoakRunner.Outcome outcome = hour.runner.run(hour.now, hour.scenario.offsetStore(), offsets -> offsets);
    hour.log.line("run: " + outcome);
    // the soak's own listing must not meet the restart: only the merge command is under test
    java.util.Map<String, java.util.SortedSet<java.time.LocalDate>> dates = hour.runner.datesToMerge(outcome.hoursLanded());
    long delayMs = hour.random.nextInt(1500);
    CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
      try {
        Thread.sleep(delayMs);
        restart(hour);
      } catch (Exception e) {
        throw new IllegalStateException("the NameNode restart failed", e);
      }
    });
    int merged = hour.runner.merge(dates);
    if (merged != 0) {
      hour.log.line("merge after run: exit " + merged);
    }
    hour.log.line("merge after run ended " + (restart.isDone() ? "after the NameNode was back" : "before the NameNode"
        + " was back") + " (the restart began " + delayMs + " ms into the merge)");
    restart.get();
    hour.markInjected();
  }

  private static void restart(SimulatedHour hour) throws Exception {
    MiniDFSCluster dfs = hour.env.hadoop().dfsCluster();
    hour.log.line("restarting the NameNode");
    dfs.restartNameNode(true);
    dfs.waitActive();
    hour.log.line("NameNode restarted");
  }
}
