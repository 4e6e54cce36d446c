package org.kafkaetl.it.soak;

import java.time.Instant;
import java.util.List;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.it.support.DelegatingOffsetStore;

/**
 * The real offset store of a driver JVM that is killed the moment its job has ended: the coverage
 * update never happens; the exception unwinds the run, so nothing after it happens either (no alert,
 * no merge). The lock goes with the driver's connection, as it would with a dead JVM.
 */
final class DriverDiesBeforeCoverage extends DelegatingOffsetStore {
  /** What the killed driver's thread sees instead of returning. */
  static final class DriverKilled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DriverKilled() {
      super("driver JVM killed (soak fault) after the job, before the coverage update");
    }
  }

  private volatile boolean died;

  DriverDiesBeforeCoverage(OffsetStore real) {
    super(real);
  }

  @Override
  public void finishRun(long runId, Instant finishedAt, List<RangeOutcome> outcomes) {
    died = true;
    throw new DriverKilled();
  }

  boolean died() {
    return died;
  }
}
