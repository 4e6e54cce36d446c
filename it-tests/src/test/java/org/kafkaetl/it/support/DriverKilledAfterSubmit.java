package org.kafkaetl.it.support;

import java.util.concurrent.CountDownLatch;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.it.fixtures.MariaDbFixture;

/**
 * The trace a driver JVM killed (SIGKILL) while its job runs leaves: the job was submitted (and,
 * if {@code recordsJobId}, its id recorded), then the driver is gone and the job runs on in YARN.
 * A killed JVM runs no finally block and no shutdown hook, so here the driver thread stops right
 * there until {@link #release} and its lock session is killed, freeing the lock as the dead JVM's
 * closed connection would.
 */
public final class DriverKilledAfterSubmit extends DelegatingOffsetStore {
  private final EtlScenario scenario;
  private final MariaDbFixture db;
  private final boolean recordsJobId;
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile String jobId;

  public DriverKilledAfterSubmit(EtlScenario scenario, MariaDbFixture db, boolean recordsJobId) {
    super(scenario.offsetStore());
    this.scenario = scenario;
    this.db = db;
    this.recordsJobId = recordsJobId;
  }

  /** Thrown where the driver would have died, once released. */
  public static final class DriverKilled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DriverKilled(String jobId) {
      super("driver killed after submitting " + jobId);
    }
  }

  /** The job the driver submitted, once it did. */
  public String jobId() {
    return jobId;
  }

  /** Lets the stopped driver thread end (with {@link DriverKilled}). */
  public void release() {
    released.countDown();
  }

  @Override
  public void recordJob(long runId, String submitted) {
    if (recordsJobId) {
      super.recordJob(runId, submitted);
    }
    LockHolder.killConnection(scenario, db);
    jobId = submitted;
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new DriverKilled(submitted);
  }
}
