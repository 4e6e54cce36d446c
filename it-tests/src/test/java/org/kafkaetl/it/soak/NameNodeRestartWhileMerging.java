package org.kafkaetl.it.soak;

import java.time.LocalDate;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;

/**
 * The NameNode restarts (same ports, same metadata) at a random moment of the merge after the run.
 * A merge that fails must be paged with the command that redoes it.
 */
final class NameNodeRestartWhileMerging implements FaultInjector {
  private static final int LATEST_START_MS = 1500;

  @Override
  public FaultClass faultClass() {
    return FaultClass.NAMENODE_RESTARTED_MERGING;
  }

  @Override
  public void inject(SimulatedHour hour) throws Exception {
    SoakRunner.Outcome outcome = hour.runner.run(hour.now, hour.scenario.offsetStore(), offsets -> offsets);
    hour.log.line("run: " + outcome);
    // the soak's own listing must not meet the restart: only the merge command is under test
    Map<String, SortedSet<LocalDate>> dates = hour.runner.datesToMerge(outcome.hoursLanded());
    long delayMs = hour.random.nextInt(LATEST_START_MS);
    CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
      try {
        Thread.sleep(delayMs);
        NameNodeRestarter.restart(hour);
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
}
