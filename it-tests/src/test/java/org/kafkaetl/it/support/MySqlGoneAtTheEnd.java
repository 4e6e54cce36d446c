package org.kafkaetl.it.support;

import java.time.Instant;
import java.util.List;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.it.fixtures.MariaDbFixture;

/**
 * An unreliable offset store: the real one, except that the database server is stopped just as the
 * run goes to record its outcome — what a driver sees when MySQL dies, or what is left when the
 * driver JVM is killed, after the job committed and before coverage was stored.
 */
public final class MySqlGoneAtTheEnd extends DelegatingOffsetStore {
  private final MariaDbFixture db;

  public MySqlGoneAtTheEnd(OffsetStore real, MariaDbFixture db) {
    super(real);
    this.db = db;
  }

  @Override
  public void finishRun(long runId, Instant finishedAt, List<RangeOutcome> outcomes) {
    db.stop();
    super.finishRun(runId, finishedAt, outcomes);
  }
}
