package org.kafkaetl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.mapreduce.driver.RunResult;

/**
 * What a run or rerun had done when a step after it (the merge, a registration) failed. With
 * {@code --json} stdout carries one document: the error document then carries the run's own
 * ({@code run}), so a script loses none of what the run read, left incomplete or did not read.
 */
final class RunSoFar {
  private final String command;
  private final CommandLines out;
  private RunResult result;
  private Duration reading = Duration.ZERO;
  private MergeAfterRun.Outcome merged;
  private Duration merging = Duration.ZERO;

  RunSoFar(String command, CommandLines out) {
    this.command = command;
    this.out = out;
  }

  void read(RunResult result, Duration reading) {
    this.result = result;
    this.reading = reading;
  }

  void merged(MergeAfterRun.Outcome merged, Duration merging) {
    this.merged = merged;
    this.merging = merging;
  }

  /**
   * The failure to throw: {@code failure} itself without --json or before the run had a result,
   * else {@code failure} with the run's document as it stood (its exit code the run's and its merge's,
   * if that ended).
   */
  RuntimeException failed(RuntimeException failure, MetricsPush push) {
    if (result == null || !out.json()) {
      return failure;
    }
    ExitCode exit = merged == null ? result.exitCode() : ExitCode.afterMerge(result.exitCode(), merged.exitCode());
    return new FailedAfterRun(failure, RunSummaryJson.document(CommandMetricsOf.readAndMerge(command, exit, result,
        reading, merged, merging), result, merged, push, out.lines()));
  }

  /** A step after the run failed; {@link Errors} reports its cause, with the run's document. */
  static final class FailedAfterRun extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ObjectNode run;

    FailedAfterRun(RuntimeException cause, ObjectNode run) {
      super(cause.getMessage(), cause);
      this.run = run;
    }

    RuntimeException failure() {
      return (RuntimeException) getCause();
    }

    ObjectNode run() {
      return run;
    }
  }
}
