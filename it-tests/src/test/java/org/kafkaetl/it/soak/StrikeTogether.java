package org.kafkaetl.it.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Faults of one hour that strike its job at the same time: the hour runs once, and while its job
 * reads every fault acts in a thread of its own after a seeded delay of up to a second, so a broker
 * restart can meet a NameNode restart, a killed attempt a stopped NodeManager. A fault that cannot act
 * beside the others (the job they killed has no attempt left to kill) is returned, to strike alone.
 */
final class StrikeTogether {
  private static final int MAX_DELAY_MS = 1000;
  private static final long STRIKES_TIMEOUT_MINUTES = 5;

  private StrikeTogether() {}

  /** Runs the hour with every fault striking its job at once; returns those that could not act. */
  static List<StrikesWhileReading> strike(SimulatedHour hour, List<StrikesWhileReading> faults, Random delays)
      throws Exception {
    int[] delayMs = faults.stream().mapToInt(f -> delays.nextInt(MAX_DELAY_MS)).toArray();
    Set<StrikesWhileReading> struck = ConcurrentHashMap.newKeySet();
    hour.log.line("striking the job at once: " + faults.stream().map(f -> f.faultClass().name()).toList());
    ExecutorService threads = Executors.newFixedThreadPool(faults.size());
    try {
      SoakRunner.Outcome outcome;
      try {
        outcome = hour.runWhileReading(hour.scenario.offsetStore(), job -> {
          List<CompletableFuture<Void>> strikes = new ArrayList<>();
          for (int i = 0; i < faults.size(); i++) {
            StrikesWhileReading fault = faults.get(i);
            long delay = delayMs[i];
            strikes.add(CompletableFuture.runAsync(() -> {
              try {
                Thread.sleep(delay);
                fault.strike(hour, job);
                struck.add(fault);
              } catch (Exception e) {
                hour.log.line(fault.faultClass() + " could not act beside the others: " + e);
              }
            }, threads));
          }
          CompletableFuture.allOf(strikes.toArray(CompletableFuture[]::new))
              .get(STRIKES_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        });
      } finally {
        undo(hour, faults, true);
      }
      hour.mergeAfter(outcome);
    } finally {
      undo(hour, faults, false);
      threads.shutdownNow();
    }
    return faults.stream().filter(f -> !struck.contains(f)).toList();
  }

  /** Every fault's undo, even when one of them fails; the first failure is thrown. */
  private static void undo(SimulatedHour hour, List<StrikesWhileReading> faults, boolean afterRun) throws Exception {
    Exception first = null;
    for (StrikesWhileReading fault : faults) {
      try {
        if (afterRun) {
          fault.afterRun(hour);
        } else {
          fault.afterMerge(hour);
        }
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
