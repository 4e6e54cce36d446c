package org.kafkaetl.mapreduce.driver;

import java.util.List;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.offsets.RangeOutcome;

/**
 * The result of one hourly run, as the CLI reports it and cron sees it.
 *
 * @param hoursLanded hour directories this run (and its retries) wrote into, for the merge after it
 */
public record RunResult(ExitCode exitCode, long runId, HourPartition hour, List<RangeOutcome> outcomes, String message,
    List<HourPartition> hoursLanded) {
  public RunResult {
    outcomes = List.copyOf(outcomes);
    hoursLanded = List.copyOf(hoursLanded);
  }

  /** A result that landed into {@code hour} when it read anything. */
  public RunResult(ExitCode exitCode, long runId, HourPartition hour, List<RangeOutcome> outcomes, String message) {
    this(exitCode, runId, hour, outcomes, message, outcomes.isEmpty() ? List.of() : List.of(hour));
  }

  /**
   * The new run's result, with what retries of earlier hours did before it: still-incomplete
   * retries make the whole run INCOMPLETE.
   */
  static RunResult afterRetries(List<RunResult> retries, RunResult run) {
    if (retries.isEmpty()) {
      return run;
    }
    boolean retryIncomplete = retries.stream().anyMatch(r -> r.exitCode() != ExitCode.OK);
    ExitCode code = run.exitCode() == ExitCode.OK && retryIncomplete ? ExitCode.INCOMPLETE : run.exitCode();
    StringBuilder message = new StringBuilder();
    retries.forEach(r -> message.append(r.message()).append('\n'));
    java.util.Set<HourPartition> hours = new java.util.TreeSet<>(run.hoursLanded());
    retries.forEach(r -> hours.addAll(r.hoursLanded()));
    return new RunResult(code, run.runId(), run.hour(), run.outcomes(), message.append(run.message()).toString(),
        List.copyOf(hours));
  }

  /**
   * This result, saying which topics or partitions were not read: a run that skipped any is not a
   * full success (INCOMPLETE), though all it planned may have landed.
   */
  RunResult notRead(List<org.kafkaetl.core.plan.TopicUnavailable> unavailable) {
    if (unavailable.isEmpty()) {
      return this;
    }
    ExitCode code = exitCode == ExitCode.OK ? ExitCode.INCOMPLETE : exitCode;
    String notRead = unavailable.stream().map(u -> u.what() + ": " + u.cause().text())
        .collect(java.util.stream.Collectors.joining("; "));
    return new RunResult(code, runId, hour, outcomes, message + "\nnot read this run (alerted): " + notRead,
        hoursLanded);
  }

  static RunResult nothingToDo(HourPartition hour) {
    return new RunResult(ExitCode.OK, 0, hour, List.of(), "nothing new in Kafka; no run recorded");
  }
}
