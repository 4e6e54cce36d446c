package org.kafkaetl.it.soak;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import org.kafkaetl.it.support.EtlCli;

/**
 * An engineer re-reads a landed hour ({@code rerun --include-complete}) while cron's merge of the
 * same topic and date runs: the two must not interleave (the rerun holds the topic's merge lock), and
 * whichever comes second must either wait or say it did nothing, so nothing is lost or merged twice.
 */
final class RerunBesideMerge implements FaultInjector {
  @Override
  public FaultClass faultClass() {
    return FaultClass.RERUN_BESIDE_MERGE;
  }

  @Override
  public void inject(SimulatedHour hour) throws Exception {
    SoakRunner.Outcome outcome = hour.runner.run(hour.now, hour.scenario.offsetStore(), offsets -> offsets);
    hour.log.line("run: " + outcome);
    SortedSet<LocalDate> dates = hour.runner.datesLanded(hour.scenario.raw, outcome.hoursLanded());
    if (dates.isEmpty()) {
      hour.log.line("the run landed nothing; fault not injected");
      return;
    }
    String topic = hour.scenario.raw;
    String hourDir = hour.hour().toString();
    boolean rerunFirst = hour.random.nextBoolean();
    CompletableFuture<EtlCli.Result> merge = CompletableFuture.supplyAsync(() -> {
      pause(rerunFirst);
      return hour.runner.cli().run("merge", "--topic", topic, "--date", dates.last().toString());
    });
    CompletableFuture<EtlCli.Result> rerun = CompletableFuture.supplyAsync(() -> {
      pause(!rerunFirst);
      return hour.runner.cli().run("rerun", "--topic", topic, "--partition", "all", "--hour", hourDir,
          "--include-complete");
    });
    hour.markInjected();
    hour.log.line("merge of " + dates.last() + " beside `rerun --hour " + hourDir + " --include-complete`: merge exit "
        + merge.get().exitCode() + ", rerun exit " + rerun.get().exitCode());
    for (EtlCli.Result r : List.of(merge.get(), rerun.get())) {
      if (r.exitCode() != 0) {
        hour.log.line(r.toString().replace('\n', ' '));
      }
    }
    // cron's merge after the run, for the dates the rerun may have changed
    hour.mergeAfter(outcome);
  }

  private static void pause(boolean wait) {
    if (wait) {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
