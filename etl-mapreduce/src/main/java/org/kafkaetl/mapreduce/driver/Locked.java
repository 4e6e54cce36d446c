package org.kafkaetl.mapreduce.driver;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.offsets.RunLock;

/** Runs work under the database lock, or reports LOCKED without doing anything. */
final class Locked {
  private Locked() {}

  /** @param work given the held lock, so it can check that it still holds it before acting */
  static RunResult run(RunLock lock, String name, HourPartition hour, Function<RunLock.Held, RunResult> work) {
    Optional<RunLock.Held> held = lock.tryAcquire(name);
    if (held.isEmpty()) {
      return new RunResult(ExitCode.LOCKED, 0, hour, List.of(),
          "another hourly run or rerun holds the lock '" + name + "'; this one did nothing");
    }
    try (RunLock.Held h = held.get()) {
      return work.apply(h);
    }
  }
}
