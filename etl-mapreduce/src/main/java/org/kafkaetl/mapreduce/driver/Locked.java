package org.kafkaetl.mapreduce.driver;

import java.util.List;
import java.util.function.Supplier;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.offsets.RunLock;

/** Runs work under the database lock, or reports LOCKED without doing anything. */
final class Locked {
  private Locked() {}

  static RunResult run(RunLock lock, String name, HourPartition hour, Supplier<RunResult> work) {
    return lock.whileHolding(name, work).orElseGet(() -> new RunResult(ExitCode.LOCKED, 0, hour, List.of(),
        "another hourly run or rerun holds the lock '" + name + "'; this one did nothing"));
  }
}
