package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.HistoryPruned;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.StoredPosition;
import org.kafkaetl.core.offsets.UnfinishedRun;

/**
 * {@link OffsetStore} on the etl_offsets, etl_partition_ends, etl_partition_starts, etl_lost_ranges
 * and etl_runs tables. What each keeps is written by its own class: planned ranges and where each
 * partition continues ({@link JdbcPlannedRanges}), outcomes of ranges ({@link JdbcRangeOutcomes}),
 * runs ({@link JdbcRuns}), partition starts and incarnations ({@link JdbcIncarnations}); reads are
 * in {@link JdbcRangeQueries}. This class opens the transaction each operation runs in: each opens
 * its own connection, so a database restart between planning and the coverage check costs nothing.
 */
public final class JdbcOffsetStore implements OffsetStore {
  private final Database database;
  private final JdbcRuns runs;
  private final JdbcRangeQueries queries;

  public JdbcOffsetStore(Database database) {
    this.database = database;
    this.runs = new JdbcRuns(database);
    this.queries = new JdbcRangeQueries(database);
  }

  @Override
  public List<RangeRecord> rangesOfHours(String topic, HourPartition from, HourPartition to) {
    return queries.rangesOfHours(topic, from, to);
  }

  @Override
  public java.util.Optional<HourPartition> firstFinishedRunHour(HourPartition from) {
    return queries.firstFinishedRunHour(from);
  }

  @Override
  public java.util.Optional<HourPartition> lastRunHour() {
    return queries.lastRunHour();
  }

  @Override
  public List<RangeRecord> incompleteRanges(HourPartition since) {
    return queries.incompleteRanges(since);
  }

  @Override
  public List<RangeRecord> openRanges() {
    return queries.openRanges();
  }

  @Override
  public List<RangeRecord> unfinishedRanges(String topic, HourPartition from, HourPartition upTo) {
    return queries.unfinishedRanges(topic, from, upTo);
  }

  @Override
  public List<RangeRecord> ranges(long runId) {
    return queries.ranges(runId);
  }

  /** Every range of a topic, in offset order per partition: for tests only, it reads the whole table. */
  public List<RangeRecord> allRanges(String topic) {
    return queries.allRanges(topic);
  }

  /** Every range Kafka deleted before it was read, for a topic, in offset order per partition. */
  public List<KafkaEvent> lostRanges(String topic) {
    return queries.lostRanges(topic);
  }

  @Override
  public Map<TopicPartition, StoredPosition> positions(Collection<String> topics) {
    Map<TopicPartition, StoredPosition> positions = new HashMap<>();
    if (topics.isEmpty()) {
      return positions;
    }
    try (Connection c = database.connect()) {
      JdbcIncarnations.current(c, topics).forEach((tp, current) -> positions.put(tp, current.position()));
      return positions;
    } catch (SQLException e) {
      throw database.failure("cannot read last end offsets", e);
    }
  }

  @Override
  public void recordStarts(Map<TopicPartition, Long> starts, Map<String, String> topicIds) {
    if (starts.isEmpty()) {
      return;
    }
    database.inTransaction("cannot record where new partitions start", c -> {
      JdbcIncarnations.recordStarts(c, starts, topicIds, Instant.now());
      return null;
    });
  }

  @Override
  public void adoptTopicIds(Map<String, String> topicIds) {
    if (!topicIds.isEmpty()) {
      database.inTransaction("cannot store topic ids", c -> {
        JdbcIncarnations.adopt(c, topicIds);
        return null;
      });
    }
  }

  @Override
  public long startRun(HourPartition hour, Instant startedAt, List<KafkaEvent> planned, List<KafkaEvent> lost,
      Map<String, String> topicIds) {
    return database.inTransaction("cannot store the planned ranges", c -> {
      long runId = runs.insert(c, hour, "RUN", startedAt);
      JdbcPlannedRanges.store(c, runId, hour, startedAt, planned, lost, topicIds);
      return runId;
    });
  }

  @Override
  public void markRunning(long runId) {
    runs.markRunning(runId, Instant.now());
  }

  @Override
  public void finishRun(long runId, Instant finishedAt, List<RangeOutcome> outcomes) {
    database.inTransaction("cannot record the outcome of run " + runId, c -> {
      JdbcRangeOutcomes.finish(c, runs, runId, finishedAt, outcomes);
      return null;
    });
  }

  @Override
  public void settleDeadRanges(long deadRunId, Instant at, List<RangeOutcome> outcomes) {
    database.inTransaction("cannot settle the ranges of dead run " + deadRunId, c -> {
      JdbcRangeOutcomes.settleDead(c, deadRunId, at, outcomes);
      return null;
    });
  }

  @Override
  public void recordIncarnationGone(List<RangeRecord> ranges, Instant at, String detail) {
    database.inTransaction("cannot record the ranges of a recreated topic's old incarnation", c -> {
      JdbcRangeOutcomes.recordIncarnationGone(c, ranges, at, detail);
      return null;
    });
  }

  @Override
  public long startRerun(HourPartition hour, Instant startedAt, List<KafkaEvent> rereading) {
    return database.inTransaction("cannot store the rerun of hour " + hour, c -> {
      long rerunId = runs.insert(c, hour, "RERUN", startedAt);
      JdbcRangeOutcomes.markRereading(c, rerunId, hour, startedAt, rereading);
      return rerunId;
    });
  }

  @Override
  public HistoryPruned pruneHistory(HourPartition before, Set<HourPartition> keep) {
    return new JdbcHistoryPruning(database).prune(before, keep);
  }

  @Override
  public void recordJob(long runId, String jobId) {
    runs.recordJob(runId, jobId);
  }

  @Override
  public List<UnfinishedRun> unfinishedRuns() {
    return runs.unfinished();
  }

  @Override
  public void markDied(long runId, Instant at) {
    runs.markDied(runId, at);
  }

  @Override
  public void markOutcomeAlerted(long runId, Instant at) {
    runs.markOutcomeAlerted(runId, at);
  }

  @Override
  public List<org.kafkaetl.core.offsets.EndedRun> endedRunsNotAlerted() {
    return runs.endedNotAlerted();
  }

  @Override
  public List<RangeRecord> rangesReadBy(long runId) {
    return queries.rangesReadBy(runId);
  }

  @Override
  public void close() {
    // connections are per operation
  }
}
