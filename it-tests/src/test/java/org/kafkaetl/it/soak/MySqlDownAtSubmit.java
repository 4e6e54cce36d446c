package org.kafkaetl.it.soak;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.it.fixtures.MariaDbFixture;
import org.kafkaetl.it.support.DelegatingOffsetStore;

/**
 * MariaDB stops around the job's submission — right after the run marked its ranges running (just
 * before the submit), or the moment the job was submitted, before its id is recorded — and comes
 * back a few seconds later, on the same data directory and port. The driver cannot record its job:
 * it must kill it; the next run settles what was planned.
 */
final class MySqlDownAtSubmit implements FaultInjector {
  private static final long DOWN_MS = 5_000;

  @Override
  public FaultClass faultClass() {
    return FaultClass.MYSQL_DOWN_AT_SUBMIT;
  }

  @Override
  public void inject(SimulatedHour hour) {
    boolean beforeSubmit = hour.random.nextBoolean();
    StopsAtSubmit store = new StopsAtSubmit(hour.scenario.offsetStore(), hour.env.mariaDb(), beforeSubmit, hour);
    try {
      hour.mergeAfter(hour.runner.run(hour.now, store, offsets -> offsets));
    } finally {
      store.awaitRestart();
    }
  }

  /** The real store, with MariaDB stopped at the chosen point and started again in the background. */
  private static final class StopsAtSubmit extends DelegatingOffsetStore {
    private final MariaDbFixture db;
    private final boolean beforeSubmit;
    private final SimulatedHour hour;
    private volatile CompletableFuture<Void> restart = CompletableFuture.completedFuture(null);

    StopsAtSubmit(OffsetStore real, MariaDbFixture db, boolean beforeSubmit, SimulatedHour hour) {
      super(real);
      this.db = db;
      this.beforeSubmit = beforeSubmit;
      this.hour = hour;
    }

    @Override
    public void markRunning(long runId) {
      super.markRunning(runId);
      if (beforeSubmit) {
        stopForAWhile("after marking run " + runId + " running, before its submit");
      }
    }

    @Override
    public void recordJob(long runId, String jobId) {
      if (!beforeSubmit) {
        stopForAWhile("job " + jobId + " submitted, before its id is recorded");
      }
      super.recordJob(runId, jobId);
    }

    private synchronized void stopForAWhile(String when) {
      if (!restart.isDone()) {
        return;
      }
      hour.log.line("stopping MariaDB " + when);
      db.stop();
      hour.markInjected();
      restart = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(DOWN_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          db.start();
          hour.log.line("MariaDB started again");
        }
      });
    }

    void awaitRestart() {
      try {
        restart.get(2, TimeUnit.MINUTES);
      } catch (Exception e) {
        throw new IllegalStateException("MariaDB did not start again", e);
      }
    }
  }
}
