package org.kafkaetl.mapreduce.driver;

import java.util.List;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.AlertSender;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.offsets.RunFencedException;
import org.kafkaetl.core.offsets.RunLock;

/**
 * What a run re-checks before it submits a job and before it records outcomes: that it still holds
 * the hourly lock, and (through the fenced store steps) that its etl_runs row and ranges are still
 * its own. A run whose lock connection died may have been taken for dead by the next run, which
 * then settles, retries or reruns the same ranges; acting on them anyway would start a second job
 * on the same files or overwrite that run's outcomes. Such a run stops, alerts and leaves the
 * ranges to their owner.
 */
final class RunFence {
  private final RunLock.Held lock;
  private final AlertSender alerts;
  private final EtlConfig config;
  private RunFencedException lastAlerted;

  RunFence(RunLock.Held lock, AlertSender alerts, EtlConfig config) {
    this.lock = lock;
    this.alerts = alerts;
    this.config = config;
  }

  /** Whether the run still holds the hourly lock, for a step that is skipped, not alerted, without it. */
  boolean holdsLock() {
    return lock.stillHeld();
  }

  /**
   * @param runId the run about to act (0 before a rerun row exists)
   * @param consequence what the run does not do, e.g. "submits no job"
   * @throws RunFencedException after alerting, if the lock is gone
   */
  void requireLock(long runId, HourPartition hour, String consequence) {
    if (!lock.stillHeld()) {
      throw alerted(hour, new RunFencedException((runId == 0 ? "the run" : "run " + runId) + " of hour " + hour + " "
          + consequence + ": it no longer holds the hourly lock (its database connection was lost), so another run"
          + " may own its ranges now"));
    }
  }

  /** Runs a fenced store step; if the store says another run took this one's ranges, alerts and rethrows. */
  void fencedStep(HourPartition hour, Runnable step) {
    try {
      step.run();
    } catch (RunFencedException e) {
      throw alerted(hour, e);
    }
  }

  /** As {@link #fencedStep}, for a step with a result (e.g. a rerun that may find its earlier reads claimed). */
  <T> T fenced(HourPartition hour, java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (RunFencedException e) {
      throw alerted(hour, e);
    }
  }

  private RunFencedException alerted(HourPartition hour, RunFencedException e) {
    if (e == lastAlerted) {
      return e; // raised by requireLock inside a fenced step: already sent
    }
    lastAlerted = e;
    alerts.send(new Alert(Severity.CRITICAL, "run-fenced:" + hour, "a run of hour " + hour
        + " stopped: it no longer owns its ranges", e.getMessage() + "\nNothing is lost and nothing was recorded by"
        + " this run: the run that holds the lock (or the next hourly run) settles its ranges from committed output"
        + " and reads again what did not land. If no run is due soon, run the command below.",
        List.of(config.alerts().fixCommands().run())));
    return e;
  }
}
