package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.offsets.RunFencedException;
import org.kafkaetl.core.offsets.StoredPosition;
import org.kafkaetl.core.offsets.UnfinishedRun;

/**
 * {@link OffsetStore} on the etl_offsets and etl_runs tables. Each operation opens its own
 * connection, so a database restart between planning and the coverage check costs nothing.
 */
public final class JdbcOffsetStore implements OffsetStore {
  private static final String OUTCOME_UPDATE = "UPDATE etl_offsets SET state = ?, reached_offset = ?, records = ?,"
      + " decode_errors = ?, detail = ?, updated_at_utc = ?, attempts = attempts + 1 WHERE topic = ?"
      + " AND kafka_partition = ? AND begin_offset = ? AND end_offset = ?";
  private static final String OPEN = " AND state IN ('PLANNED', 'RUNNING')";
  /**
   * Rows per JDBC batch within one transaction: the driver keeps every bound row of a batch, so one
   * batch of 100 000 rows took most of a 512 MB heap.
   */
  private static final int BATCH_ROWS = 5000;
  private final Database database;
  private final JdbcRuns runs;
  private final JdbcRangeQueries queries;

  public JdbcOffsetStore(Database database) {
    this.database = database;
    this.runs = new JdbcRuns(database);
    this.queries = new JdbcRangeQueries(database);
  }

  @Override
  public List<RangeRecord> rangesOfHour(HourPartition hour, String topic) {
    return queries.rangesOfHour(hour, topic);
  }

  @Override
  public java.util.Optional<HourPartition> firstFinishedRunHour(HourPartition from) {
    return queries.firstFinishedRunHour(from);
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

  /** Every range of a topic, in offset order per partition (for audits and tests). */
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
      Map<TopicPartition, Integer> incarnations = requireTiling(c, planned, lost, topicIds);
      long runId = runs.insert(c, hour, "RUN", startedAt);
      insertRanges(c, runId, hour, startedAt, lost, RangeState.LOST, incarnations, topicIds);
      insertRanges(c, runId, hour, startedAt, planned, RangeState.PLANNED, incarnations, topicIds);
      insertLost(c, runId, startedAt, lost);
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
      runs.requireOpen(c, runId, "records nothing");
      requireStillReading(runId, rangesReadBy(c, runId), outcomes);
      // Only the rows this run reads: an earlier incarnation may have a row with the same offsets.
      insertLost(c, runId, finishedAt, lostOf(outcomes));
      updateOutcomes(c, OPEN, finishedAt, outcomes);
      JdbcRuns.updateState(c, runId, finishedAt, runState(outcomes));
      return null;
    });
  }

  /**
   * The ranges run {@code runId} may record, locked until the transaction ends: PLANNED by it, or
   * RUNNING with it as their reader. Checked by reading rather than by update counts, which the
   * driver does not report for rewritten batches.
   */
  private static java.util.Set<KafkaEvent> rangesReadBy(Connection c, long runId) throws SQLException {
    String sql = "SELECT topic, kafka_partition, begin_offset, end_offset FROM etl_offsets WHERE state IN ('PLANNED',"
        + " 'RUNNING') AND (reader_run_id = ? OR (reader_run_id IS NULL AND run_id = ?)) FOR UPDATE";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, runId);
      ps.setLong(2, runId);
      java.util.Set<KafkaEvent> reading = new java.util.HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          reading.add(new KafkaEvent(TopicPartition.of(rs.getString(1), rs.getInt(2)),
              new OffsetRange(rs.getLong(3), rs.getLong(4))));
        }
      }
      return reading;
    }
  }

  private static void requireStillReading(long runId, java.util.Set<KafkaEvent> reading, List<RangeOutcome> outcomes) {
    long taken = outcomes.stream().filter(o -> !reading.contains(o.event())).count();
    if (taken > 0) {
      throw new RunFencedException("run " + runId + " did not record its outcome: " + taken + " of " + outcomes.size()
          + " ranges were settled or taken over by another run meanwhile (this run had lost its lock and was"
          + " taken for dead); etl_offsets is as that run left it");
    }
  }

  @Override
  public void settleDeadRanges(long deadRunId, Instant at, List<RangeOutcome> outcomes) {
    database.inTransaction("cannot settle the ranges of dead run " + deadRunId, c -> {
      insertLost(c, deadRunId, at, lostOf(outcomes));
      updateOutcomes(c, OPEN, at, outcomes);
      return null;
    });
  }

  private static void updateOutcomes(Connection c, String condition, Instant at, List<RangeOutcome> outcomes)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(OUTCOME_UPDATE + condition)) {
      int rows = 0;
      for (RangeOutcome o : outcomes) {
        bindOutcome(ps, at, o);
        addToBatch(ps, ++rows);
      }
      ps.executeBatch();
    }
  }

  private static List<KafkaEvent> lostOf(List<RangeOutcome> outcomes) {
    return outcomes.stream().flatMap(o -> o.lost().stream().map(r -> new KafkaEvent(o.event().partition(), r))).toList();
  }

  /**
   * Ranges of an incarnation the topic no longer has (deleted and recreated): nothing can read them
   * again, so what they had not read is recorded LOST, with {@code detail}.
   */
  @Override
  public void recordIncarnationGone(List<RangeRecord> ranges, Instant at, String detail) {
    String update = "UPDATE etl_offsets SET state = 'LOST', detail = ?, updated_at_utc = ? WHERE topic = ?"
        + " AND kafka_partition = ? AND incarnation = ? AND begin_offset = ? AND state NOT IN ('COMPLETE', 'LOST')";
    String lost = "INSERT IGNORE INTO etl_lost_ranges (topic, kafka_partition, incarnation, begin_offset, end_offset,"
        + " run_id, detected_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?)";
    database.inTransaction("cannot record the ranges of a recreated topic's old incarnation", c -> {
      try (PreparedStatement ps = c.prepareStatement(update); PreparedStatement ls = c.prepareStatement(lost)) {
        for (RangeRecord r : ranges) {
          ps.setString(1, truncate(detail, 2000));
          ps.setObject(2, utc(at));
          ps.setString(3, r.event().topic());
          ps.setInt(4, r.event().partition().partition());
          ps.setInt(5, r.incarnation());
          ps.setLong(6, r.event().range().begin());
          ps.addBatch();
          long from = Math.max(r.event().range().begin(), Math.min(r.reached(), r.event().range().end()));
          if (from < r.event().range().end()) {
            ls.setString(1, r.event().topic());
            ls.setInt(2, r.event().partition().partition());
            ls.setInt(3, r.incarnation());
            ls.setLong(4, from);
            ls.setLong(5, r.event().range().end());
            ls.setLong(6, r.runId());
            ls.setObject(7, utc(at));
            ls.addBatch();
          }
        }
        ps.executeBatch();
        ls.executeBatch();
      }
      return null;
    });
  }

  @Override
  public long startRerun(HourPartition hour, Instant startedAt, List<KafkaEvent> rereading) {
    // A rerun reads the current incarnation: an earlier one's range with the same offsets stays as it is.
    String running = "UPDATE etl_offsets SET state = 'RUNNING', reader_run_id = ?, updated_at_utc = ? WHERE topic = ?"
        + " AND kafka_partition = ? AND begin_offset = ? AND end_offset = ? AND state <> 'LOST' AND incarnation = ?";
    return database.inTransaction("cannot store the rerun of hour " + hour, c -> {
      long rerunId = runs.insert(c, hour, "RERUN", startedAt);
      Map<TopicPartition, JdbcIncarnations.Current> current = JdbcIncarnations.current(c,
          rereading.stream().map(KafkaEvent::partition).collect(java.util.stream.Collectors.toSet()), false);
      try (PreparedStatement ps = c.prepareStatement(running)) {
        for (KafkaEvent e : rereading) {
          JdbcIncarnations.Current now = current.get(e.partition());
          ps.setInt(7, now == null ? 0 : now.number());
          ps.setLong(1, rerunId);
          ps.setObject(2, utc(startedAt));
          ps.setString(3, e.topic());
          ps.setInt(4, e.partition().partition());
          ps.setLong(5, e.range().begin());
          ps.setLong(6, e.range().end());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return rerunId;
    });
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
  public void close() {
    // connections are per operation
  }

  /**
   * Fails unless each partition's ranges continue its incarnation for Kafka's topic id: the current
   * one where it ended, or a new one (topic recreated) anywhere. Returns the incarnation of each.
   */
  private static Map<TopicPartition, Integer> requireTiling(Connection c, List<KafkaEvent> planned,
      List<KafkaEvent> lost, Map<String, String> topicIds) throws SQLException {
    Map<TopicPartition, List<KafkaEvent>> byPartition = new HashMap<>();
    for (List<KafkaEvent> events : List.of(lost, planned)) {
      for (KafkaEvent e : events) {
        byPartition.computeIfAbsent(e.partition(), k -> new ArrayList<>()).add(e);
      }
    }
    Map<TopicPartition, JdbcIncarnations.Current> stored = JdbcIncarnations.current(c, byPartition.keySet(), true);
    Map<TopicPartition, Integer> incarnations = new HashMap<>();
    for (Map.Entry<TopicPartition, List<KafkaEvent>> entry : byPartition.entrySet()) {
      List<KafkaEvent> events = entry.getValue();
      events.sort(Comparator.comparingLong(e -> e.range().begin()));
      JdbcIncarnations.Current current = stored.get(entry.getKey());
      String topicId = topicIds.get(entry.getKey().topic());
      incarnations.put(entry.getKey(), current == null ? 0 : current.numberFor(topicId));
      Long expected = current == null ? null : current.endFor(topicId);
      for (KafkaEvent e : events) {
        if (expected != null && e.range().begin() != expected) {
          throw new EtlException("refusing to store range " + e + ": " + entry.getKey() + " continues at offset "
              + expected + ", so this would leave a gap or an overlap in etl_offsets");
        }
        expected = e.range().end();
      }
    }
    return incarnations;
  }

  private static void insertRanges(Connection c, long runId, HourPartition hour, Instant at, List<KafkaEvent> events,
      RangeState state, Map<TopicPartition, Integer> incarnations, Map<String, String> topicIds) throws SQLException {
    String sql = "INSERT INTO etl_offsets (topic, kafka_partition, begin_offset, end_offset, run_id, hour, state,"
        + " reached_offset, detail, updated_at_utc, incarnation, topic_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int rows = 0;
      for (KafkaEvent e : events) {
        ps.setString(1, e.topic());
        ps.setInt(2, e.partition().partition());
        ps.setLong(3, e.range().begin());
        ps.setLong(4, e.range().end());
        ps.setLong(5, runId);
        ps.setString(6, hour.toString());
        ps.setString(7, state.name());
        ps.setLong(8, state == RangeState.LOST ? e.range().end() : e.range().begin());
        ps.setString(9, state == RangeState.LOST ? "deleted by Kafka retention before it was read" : null);
        ps.setObject(10, utc(at));
        ps.setInt(11, incarnations.getOrDefault(e.partition(), 0));
        ps.setString(12, topicIds.get(e.topic()));
        addToBatch(ps, ++rows);
      }
      ps.executeBatch();
    }
  }

  /**
   * Lost ranges are facts, recorded once: a rerun that meets the same gap again adds nothing. They
   * belong to the incarnation of the open (or just planned) row holding them: only the current
   * incarnation is ever read.
   */
  private static void insertLost(Connection c, long runId, Instant at, List<KafkaEvent> lost) throws SQLException {
    String sql = "INSERT IGNORE INTO etl_lost_ranges (topic, kafka_partition, incarnation, begin_offset, end_offset,"
        + " run_id, detected_at_utc) SELECT topic, kafka_partition, incarnation, ?, ?, ?, ? FROM etl_offsets"
        + " WHERE topic = ? AND kafka_partition = ? AND begin_offset <= ? AND end_offset >= ?"
        + " AND state IN ('PLANNED', 'RUNNING', 'LOST') ORDER BY incarnation DESC LIMIT 1";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int rows = 0;
      for (KafkaEvent e : lost) {
        ps.setLong(1, e.range().begin());
        ps.setLong(2, e.range().end());
        ps.setLong(3, runId);
        ps.setObject(4, utc(at));
        ps.setString(5, e.topic());
        ps.setInt(6, e.partition().partition());
        ps.setLong(7, e.range().begin());
        ps.setLong(8, e.range().end());
        addToBatch(ps, ++rows);
      }
      ps.executeBatch();
    }
  }

  private static void bindOutcome(PreparedStatement ps, Instant at, RangeOutcome o) throws SQLException {
    ps.setString(1, o.state().name());
    ps.setLong(2, o.reached());
    ps.setLong(3, o.records());
    ps.setLong(4, o.decodeErrors());
    ps.setString(5, truncate(o.detail(), 2000));
    ps.setObject(6, utc(at));
    ps.setString(7, o.event().topic());
    ps.setInt(8, o.event().partition().partition());
    ps.setLong(9, o.event().range().begin());
    ps.setLong(10, o.event().range().end());
  }

  private static String runState(List<RangeOutcome> outcomes) {
    return outcomes.stream().allMatch(o -> o.state().isFinal()) ? "COMPLETE" : "INCOMPLETE";
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private void execute(String what, String sql, Binder binder) {
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw database.failure(what, e);
    }
  }

  /** Adds the bound row, the {@code rows}-th, to the batch and sends the batch every {@link #BATCH_ROWS} rows. */
  private static void addToBatch(PreparedStatement ps, int rows) throws SQLException {
    ps.addBatch();
    if (rows % BATCH_ROWS == 0) {
      ps.executeBatch();
    }
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
