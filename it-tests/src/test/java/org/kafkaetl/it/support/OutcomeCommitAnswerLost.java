package org.kafkaetl.it.support;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeOutcome;

/**
 * The real offset store, except that the run's outcome is committed and the answer to the commit
 * never reaches the driver: what a connection dropping right after the server applied the commit
 * looks like, and what a driver killed just after recording leaves.
 */
public final class OutcomeCommitAnswerLost extends DelegatingOffsetStore {
  public OutcomeCommitAnswerLost(OffsetStore real) {
    super(real);
  }

  @Override
  public void finishRun(long runId, Instant finishedAt, List<RangeOutcome> outcomes) {
    super.finishRun(runId, finishedAt, outcomes);
    throw new RetriableException("cannot record the outcome of run " + runId + ": Communications link failure",
        new SQLException("The last packet successfully received from the server was 0 milliseconds ago"));
  }
}
