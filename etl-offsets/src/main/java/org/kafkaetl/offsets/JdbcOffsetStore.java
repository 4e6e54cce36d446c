package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.kafkaetl.core.offsets.UnfinishedRun;

/**
 * {@link OffsetStore} on the etl_offsets and etl_runs tables. Each operation opens its own
 * connection, so a database restart between planning and the coverage check costs nothing.
 */
public final class JdbcOffsetStore implements OffsetStore {
  private static final String OUTCOME_UPDATE = "UPDATE etl_offsets SET state = ?, reached_offset = ?, records = ?,"
      + " decode_errors = ?, detail = ?, updated_at_utc = ?, attempts = attempts + 1 WHERE topic = ?"
      + " AND kafka_partition = ? AND begin_offset = ? AND end_offset = ?";
  private static final String SELECT_RANGE_COLUMNS =
      "SELECT run_id, hour, topic, kafka_partition, begin_offset, end_offset, state, reached_offset, records,"
          + " decode_errors, detail, attempts FROM etl_offsets ";
  /** Partitions per locking read of {@link #lockedLastEnds}. */
  private static final int LOCK_CHUNK = 1000;
  /**
   * Rows per JDBC batch within one transaction: the driver keeps every bound row of a batch, so one
   * batch of 100 000 rows took most of a 512 MB heap.
   */
  private static final int BATCH_ROWS = 5000;
  private final Database database;
  private final JdbcRuns runs;

  public JdbcOffsetStore(Database database) {
    this.database = database;
    this.runs = new JdbcRuns(database);
  }

  /**
   * Per topic, {@code MAX(end_offset) ... GROUP BY kafka_partition} reads the topic's rows in index
   * order; grouping a UNION with the recorded starts instead needed a temporary table and a sort of
   * every row (2 to 4 times slower at 100 000 partitions, docs/performance.md). Recorded starts are
   * read apart; the larger of the two wins, as before.
   */
  @Override
  public Map<TopicPartition, Long> lastEndOffsets(Collection<String> topics) {
    Map<TopicPartition, Long> ends = new HashMap<>();
    if (topics.isEmpty()) {
      return ends;
    }
    String offsets = "SELECT kafka_partition, MAX(end_offset) FROM etl_offsets WHERE topic = ? GROUP BY kafka_partition";
    String starts = "SELECT topic, kafka_partition, start_offset FROM etl_partition_starts WHERE topic IN ("
        + placeholders(topics.size()) + ")";
    try (Connection c = database.connect()) {
      try (PreparedStatement ps = c.prepareStatement(offsets)) {
        for (String topic : topics) {
          ps.setString(1, topic);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ends.merge(TopicPartition.of(topic, rs.getInt(1)), rs.getLong(2), Math::max);
            }
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(starts)) {
        int i = 1;
        for (String topic : topics) {
          ps.setString(i++, topic);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ends.merge(TopicPartition.of(rs.getString(1), rs.getInt(2)), rs.getLong(3), Math::max);
          }
        }
      }
      return ends;
    } catch (SQLException e) {
      throw database.failure("cannot read last end offsets", e);
    }
  }

  @Override
  public void recordStarts(Map<TopicPartition, Long> starts) {
    if (starts.isEmpty()) {
      return;
    }
    String sql = "INSERT IGNORE INTO etl_partition_starts (topic, kafka_partition, start_offset, recorded_at_utc)"
        + " VALUES (?, ?, ?, ?)";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      int rows = 0;
      for (Map.Entry<TopicPartition, Long> e : starts.entrySet()) {
        ps.setString(1, e.getKey().topic());
        ps.setInt(2, e.getKey().partition());
        ps.setLong(3, e.getValue());
        ps.setObject(4, utc(Instant.now()));
        addToBatch(ps, ++rows);
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw database.failure("cannot record where new partitions start", e);
    }
  }

  @Override
  public long startRun(HourPartition hour, Instant startedAt, List<KafkaEvent> planned, List<KafkaEvent> lost) {
    return database.inTransaction("cannot store the planned ranges", c -> {
      requireTiling(c, planned, lost);
      long runId = runs.insert(c, hour, "RUN", startedAt);
      insertRanges(c, runId, hour, startedAt, lost, RangeState.LOST);
      insertLost(c, runId, startedAt, lost);
      insertRanges(c, runId, hour, startedAt, planned, RangeState.PLANNED);
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
      updateOutcomes(c, "", finishedAt, outcomes);
      insertLost(c, runId, finishedAt, lostOf(outcomes));
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
      updateOutcomes(c, " AND state IN ('PLANNED', 'RUNNING')", at, outcomes);
      insertLost(c, deadRunId, at, lostOf(outcomes));
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

  @Override
  public long startRerun(HourPartition hour, Instant startedAt, List<KafkaEvent> rereading) {
    String running = "UPDATE etl_offsets SET state = 'RUNNING', reader_run_id = ?, updated_at_utc = ? WHERE topic = ?"
        + " AND kafka_partition = ? AND begin_offset = ? AND end_offset = ? AND state <> 'LOST'";
    return database.inTransaction("cannot store the rerun of hour " + hour, c -> {
      long rerunId = runs.insert(c, hour, "RERUN", startedAt);
      try (PreparedStatement ps = c.prepareStatement(running)) {
        for (KafkaEvent e : rereading) {
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
  public List<RangeRecord> rangesOfHour(HourPartition hour, String topic) {
    return queryRanges("the ranges of " + topic + " hour " + hour,
        "WHERE hour = ? AND topic = ? ORDER BY kafka_partition, begin_offset", ps -> {
          ps.setString(1, hour.toString());
          ps.setString(2, topic);
        });
  }

  @Override
  public java.util.Optional<HourPartition> firstFinishedRunHour(HourPartition from) {
    String sql = "SELECT MIN(hour) FROM etl_runs WHERE kind = 'RUN' AND hour >= ? AND finished_at_utc IS NOT NULL";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, from.toString());
      try (ResultSet rs = ps.executeQuery()) {
        String hour = rs.next() ? rs.getString(1) : null;
        return hour == null ? java.util.Optional.empty() : java.util.Optional.of(HourPartition.parse(hour));
      }
    } catch (SQLException e) {
      throw database.failure("cannot read finished runs", e);
    }
  }

  @Override
  public List<RangeRecord> incompleteRanges(HourPartition since) {
    return queryRanges("incomplete ranges", "WHERE state = 'INCOMPLETE' AND hour >= ? ORDER BY hour, topic,"
        + " kafka_partition, begin_offset", ps -> ps.setString(1, since.toString()));
  }

  @Override
  public List<RangeRecord> openRanges() {
    return queryRanges("open ranges", "WHERE state IN ('PLANNED', 'RUNNING') ORDER BY run_id, topic, kafka_partition,"
        + " begin_offset", ps -> { });
  }

  @Override
  public List<RangeRecord> unfinishedRanges(String topic, HourPartition from, HourPartition upTo) {
    return queryRanges("unfinished ranges of " + topic,
        "WHERE topic = ? AND hour >= ? AND hour <= ? AND state NOT IN ('COMPLETE', 'LOST')"
            + " ORDER BY kafka_partition, begin_offset",
        ps -> {
          ps.setString(1, topic);
          ps.setString(2, from.toString());
          ps.setString(3, upTo.toString());
        });
  }

  private List<RangeRecord> queryRanges(String what, String whereAndOrder, Binder binder) {
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(SELECT_RANGE_COLUMNS + whereAndOrder)) {
      binder.bind(ps);
      return readRanges(ps);
    } catch (SQLException e) {
      throw database.failure("cannot read " + what, e);
    }
  }

  @Override
  public List<RangeRecord> ranges(long runId) {
    return queryRanges("the ranges of run " + runId,
        "WHERE run_id = ? ORDER BY topic, kafka_partition, begin_offset", ps -> ps.setLong(1, runId));
  }

  /** Every range of a topic, in offset order per partition (for audits and tests). */
  public List<RangeRecord> allRanges(String topic) {
    return queryRanges("the ranges of topic " + topic,
        "WHERE topic = ? ORDER BY kafka_partition, begin_offset", ps -> ps.setString(1, topic));
  }

  @Override
  public void close() {
    // connections are per operation
  }

  private void requireTiling(Connection c, List<KafkaEvent> planned, List<KafkaEvent> lost) throws SQLException {
    Map<TopicPartition, List<KafkaEvent>> byPartition = new HashMap<>();
    for (List<KafkaEvent> events : List.of(lost, planned)) {
      for (KafkaEvent e : events) {
        byPartition.computeIfAbsent(e.partition(), k -> new ArrayList<>()).add(e);
      }
    }
    Map<TopicPartition, Long> stored = lockedLastEnds(c, byPartition.keySet());
    for (Map.Entry<TopicPartition, List<KafkaEvent>> entry : byPartition.entrySet()) {
      List<KafkaEvent> events = entry.getValue();
      events.sort(Comparator.comparingLong(e -> e.range().begin()));
      Long expected = stored.get(entry.getKey());
      for (KafkaEvent e : events) {
        if (expected != null && e.range().begin() != expected) {
          throw new EtlException("refusing to store range " + e + ": " + entry.getKey() + " continues at offset "
              + expected + ", so this would leave a gap or an overlap in etl_offsets");
        }
        expected = e.range().end();
      }
    }
  }

  /**
   * The last stored end of each partition, its rows locked until the transaction ends. One
   * statement per topic and {@link #LOCK_CHUNK} partitions, in topic and partition order (the same
   * order in every run): one statement per partition made 100 000 partitions take minutes.
   */
  private Map<TopicPartition, Long> lockedLastEnds(Connection c, Collection<TopicPartition> partitions)
      throws SQLException {
    Map<String, List<Integer>> byTopic = new TreeMap<>();
    for (TopicPartition tp : partitions) {
      byTopic.computeIfAbsent(tp.topic(), k -> new ArrayList<>()).add(tp.partition());
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (Map.Entry<String, List<Integer>> topic : byTopic.entrySet()) {
      List<Integer> all = topic.getValue();
      all.sort(null);
      for (int from = 0; from < all.size(); from += LOCK_CHUNK) {
        List<Integer> chunk = all.subList(from, Math.min(all.size(), from + LOCK_CHUNK));
        String sql = "SELECT kafka_partition, MAX(end_offset) FROM etl_offsets WHERE topic = ? AND kafka_partition IN ("
            + placeholders(chunk.size()) + ") GROUP BY kafka_partition FOR UPDATE";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setString(1, topic.getKey());
          for (int i = 0; i < chunk.size(); i++) {
            ps.setInt(i + 2, chunk.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ends.put(TopicPartition.of(topic.getKey(), rs.getInt(1)), rs.getLong(2));
            }
          }
        }
      }
    }
    return ends;
  }

  private static void insertRanges(
      Connection c, long runId, HourPartition hour, Instant at, List<KafkaEvent> events, RangeState state)
      throws SQLException {
    String sql = "INSERT INTO etl_offsets (topic, kafka_partition, begin_offset, end_offset, run_id, hour, state,"
        + " reached_offset, detail, updated_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
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
        addToBatch(ps, ++rows);
      }
      ps.executeBatch();
    }
  }

  /** Lost ranges are facts, recorded once: a rerun that meets the same gap again adds nothing. */
  private static void insertLost(Connection c, long runId, Instant at, List<KafkaEvent> lost) throws SQLException {
    String sql = "INSERT IGNORE INTO etl_lost_ranges (topic, kafka_partition, begin_offset, end_offset, run_id,"
        + " detected_at_utc) VALUES (?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int rows = 0;
      for (KafkaEvent e : lost) {
        ps.setString(1, e.topic());
        ps.setInt(2, e.partition().partition());
        ps.setLong(3, e.range().begin());
        ps.setLong(4, e.range().end());
        ps.setLong(5, runId);
        ps.setObject(6, utc(at));
        addToBatch(ps, ++rows);
      }
      ps.executeBatch();
    }
  }

  /** Every range Kafka deleted before it was read, for a topic, in offset order per partition. */
  public List<KafkaEvent> lostRanges(String topic) {
    String sql = "SELECT kafka_partition, begin_offset, end_offset FROM etl_lost_ranges WHERE topic = ?"
        + " ORDER BY kafka_partition, begin_offset";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, topic);
      List<KafkaEvent> lost = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lost.add(new KafkaEvent(TopicPartition.of(topic, rs.getInt(1)), new OffsetRange(rs.getLong(2), rs.getLong(3))));
        }
      }
      return lost;
    } catch (SQLException e) {
      throw database.failure("cannot read the lost ranges of " + topic, e);
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

  private static List<RangeRecord> readRanges(PreparedStatement ps) throws SQLException {
    List<RangeRecord> records = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        records.add(new RangeRecord(
            rs.getLong("run_id"),
            HourPartition.parse(rs.getString("hour")),
            new KafkaEvent(TopicPartition.of(rs.getString("topic"), rs.getInt("kafka_partition")),
                new OffsetRange(rs.getLong("begin_offset"), rs.getLong("end_offset"))),
            RangeState.valueOf(rs.getString("state")),
            rs.getLong("reached_offset"),
            rs.getLong("records"),
            rs.getLong("decode_errors"),
            rs.getString("detail"),
            rs.getInt("attempts")));
      }
    }
    return records;
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

  private static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
