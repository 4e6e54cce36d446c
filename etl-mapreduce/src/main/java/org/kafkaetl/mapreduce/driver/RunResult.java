package org.kafkaetl.mapreduce.driver;

import java.util.List;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.plan.TopicUnavailable;

/**
 * The result of one hourly run, as the CLI reports it and cron sees it.
 *
 * @param hoursLanded hour directories this run (and its retries) wrote into, for the merge after it
 * @param implausibleEventTimes per topic, the records read whose event time was implausible
 * @param notRead the topics (or partitions) this run read nothing of, and why (each alerted)
 */
public record RunResult(ExitCode exitCode, long runId, HourPartition hour, List<RangeOutcome> outcomes, String message,
    List<HourPartition> hoursLanded, java.util.Map<String, Long> implausibleEventTimes, List<TopicUnavailable> notRead) {
  public RunResult {
    outcomes = List.copyOf(outcomes);
    hoursLanded = List.copyOf(hoursLanded);
    implausibleEventTimes = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(implausibleEventTimes));
    notRead = List.copyOf(notRead);
  }

  /** A result that read every topic it was to read. */
  public RunResult(ExitCode exitCode, long runId, HourPartition hour, List<RangeOutcome> outcomes, String message,
      List<HourPartition> hoursLanded, java.util.Map<String, Long> implausibleEventTimes) {
    this(exitCode, runId, hour, outcomes, message, hoursLanded, implausibleEventTimes, List.of());
  }

  /** A result without implausible event times. */
  public RunResult(ExitCode exitCode, long runId, HourPartition hour, List<RangeOutcome> outcomes, String message,
      List<HourPartition> hoursLanded) {
    this(exitCode, runId, hour, outcomes, message, hoursLanded, java.util.Map.of());
  }

  /** A result that landed into {@code hour} when it read anything. */
  public RunResult(ExitCode exitCode, long runId, HourPartition hour, List<RangeOutcome> outcomes, String message) {
    this(exitCode, runId, hour, outcomes, message, outcomes.isEmpty() ? List.of() : List.of(hour));
  }

  /**
   * The new run's result, with what retries of earlier hours (and settlements of dead runs) did
   * before it: their outcomes come first, so the summary, its JSON and the metrics count every range
   * the command recorded; still-incomplete retries make the whole run INCOMPLETE.
   */
  static RunResult afterRetries(List<RunResult> retries, RunResult run) {
    if (retries.isEmpty()) {
      return run;
    }
    ExitCode code = run.exitCode();
    for (RunResult r : retries) {
      code = worse(code, r.exitCode() == ExitCode.OK || r.exitCode() == ExitCode.DATA_LOST ? r.exitCode()
          : ExitCode.INCOMPLETE);
    }
    StringBuilder message = new StringBuilder();
    retries.forEach(r -> message.append(r.message()).append('\n'));
    java.util.Set<HourPartition> hours = new java.util.TreeSet<>(run.hoursLanded());
    retries.forEach(r -> hours.addAll(r.hoursLanded()));
    java.util.Map<String, Long> implausible = new java.util.TreeMap<>(run.implausibleEventTimes());
    retries.forEach(r -> r.implausibleEventTimes().forEach((t, n) -> implausible.merge(t, n, Long::sum)));
    List<RangeOutcome> outcomes = new java.util.ArrayList<>();
    retries.forEach(r -> outcomes.addAll(r.outcomes()));
    outcomes.addAll(run.outcomes());
    return new RunResult(code, run.runId(), run.hour(), outcomes, message.append(run.message()).toString(),
        List.copyOf(hours), implausible, run.notRead());
  }

  /**
   * This result, saying which topics or partitions were not read: a run that skipped any is not a
   * full success (INCOMPLETE), though all it planned may have landed.
   */
  RunResult notRead(List<TopicUnavailable> unavailable) {
    if (unavailable.isEmpty()) {
      return this;
    }
    ExitCode code = exitCode == ExitCode.OK ? ExitCode.INCOMPLETE : exitCode;
    String named = unavailable.stream().map(u -> u.what() + ": " + u.cause().text())
        .collect(java.util.stream.Collectors.joining("; "));
    List<TopicUnavailable> all = new java.util.ArrayList<>(notRead);
    all.addAll(unavailable);
    return new RunResult(code, runId, hour, outcomes, message + "\nnot read this run (alerted): " + named,
        hoursLanded, implausibleEventTimes, all);
  }

  /**
   * This result, saying how many offsets Kafka deleted before they were read: a run that lost data
   * is not a plain success (DATA_LOST), unless it is already worse.
   */
  RunResult withLost(long lostOffsets) {
    if (lostOffsets == 0) {
      return this;
    }
    return new RunResult(worse(exitCode, ExitCode.DATA_LOST), runId, hour, outcomes, message + "; " + lostOffsets
        + " offsets LOST (Kafka deleted them before they were read; recorded and alerted)", hoursLanded,
        implausibleEventTimes, notRead);
  }

  /** This result, with how the run was sized (a line for people, one JSON line for scripts). */
  RunResult withSizing(org.kafkaetl.core.sizing.RunSizing sizing) {
    return new RunResult(exitCode, runId, hour, outcomes, message + "\n" + sizing.summary() + "\nsizing "
        + sizing.toJson(), hoursLanded, implausibleEventTimes, notRead);
  }

  /** This result, with the implausible event times its reads counted per topic. */
  RunResult withImplausible(java.util.Map<String, Long> perTopic) {
    return new RunResult(exitCode, runId, hour, outcomes, message, hoursLanded, perTopic, notRead);
  }

  /** OK, then DATA_LOST, then INCOMPLETE; any other code (FAILED, LOCKED) already says more. */
  private static ExitCode worse(ExitCode a, ExitCode b) {
    List<ExitCode> order = List.of(ExitCode.OK, ExitCode.DATA_LOST, ExitCode.INCOMPLETE);
    if (!order.contains(a)) {
      return a;
    }
    if (!order.contains(b)) {
      return b;
    }
    return order.indexOf(a) >= order.indexOf(b) ? a : b;
  }

  static RunResult nothingToDo(HourPartition hour) {
    return new RunResult(ExitCode.OK, 0, hour, List.of(), "nothing new in Kafka; no run recorded");
  }
}
