package org.kafkaetl.it.support;

import org.kafkaetl.core.offsets.OffsetStore;

/**
 * The trace a driver JVM killed while its job runs leaves: the job was submitted and recorded, then
 * the driver is gone (here: the run ends with this exception), and the job runs on in YARN.
 */
public final class DriverKilledAfterSubmit extends DelegatingOffsetStore {
  public DriverKilledAfterSubmit(OffsetStore real) {
    super(real);
  }

  /** Thrown where the driver would have died. */
  public static final class DriverKilled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DriverKilled(String jobId) {
      super("driver killed after submitting " + jobId);
    }
  }

  @Override
  public void recordJob(long runId, String jobId) {
    super.recordJob(runId, jobId);
    throw new DriverKilled(jobId);
  }
}
