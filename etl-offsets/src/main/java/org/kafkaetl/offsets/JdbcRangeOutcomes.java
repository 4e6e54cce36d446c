package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RunFencedException;

/**
 * What happened to stored ranges: outcomes of a run, of a dead run's settlement, of a recreated
 * topic's old incarnation, and who reads a range again. None of these moves a range's offsets, so
 * none changes etl_partition_ends.
 */
final class JdbcRangeOutcomes {
  /**
   * Records an outcome on its open etl_offsets row, named by the whole key. It only ever meets the
   * duplicate key: the row was read and locked by {@link #openRows} in the same transaction, which
   * is also what makes a guard on its state needless here; the inserted values are the row's own.
   */
  private static final String OUTCOME_UPSERT = "INSERT INTO etl_offsets (topic, kafka_partition, incarnation,"
      + " begin_offset, end_offset, run_id, hour, state, reached_offset, records, decode_errors, detail,"
      + " updated_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
      + " state = VALUES(state), reached_offset = VALUES(reached_offset), records = VALUES(records),"
      + " decode_errors = VALUES(decode_errors), detail = VALUES(detail), updated_at_utc = VALUES(updated_at_utc),"
      + " attempts = attempts + 1";
  private static final String OPEN_ROWS = "SELECT topic, kafka_partition, begin_offset, end_offset, incarnation,"
      + " run_id, hour, records FROM etl_offsets %s WHERE state IN ('PLANNED', 'RUNNING')";
  /**
   * The index a run's own rows are read through, and the one for rows it took over from other runs.
   * Left to itself, MariaDB 10.11 intersected or united the two (index_merge) and locked each row it
   * looked at on the way: 7.5–16 s for the 135 000 rows of a run at 100 k partitions, where the run
   * index took 0.8–1.0 s and the reader index 0.04 s (docs/performance.md (4)).
   */
  static final String BY_RUN = "FORCE INDEX (etl_offsets_run)";
  private static final String BY_READER = "FORCE INDEX (etl_offsets_reader)";

  /** {@link #markRereading}: a rerun reads the current incarnation, an earlier one's same range stays as it is. */
  static final String MARK_REREADING = "UPDATE etl_offsets SET state = 'RUNNING', reader_run_id = ?, updated_at_utc = ?"
      + " WHERE topic = ? AND kafka_partition = ? AND begin_offset = ? AND end_offset = ? AND state <> 'LOST'"
      + " AND incarnation = ? AND hour = ?";
  /** {@link #insertLost}, with {@code %s} the caller's condition on the rows. */
  static final String INSERT_LOST = "INSERT IGNORE INTO etl_lost_ranges (topic, kafka_partition, incarnation,"
      + " begin_offset, end_offset, run_id, detected_at_utc) SELECT topic, kafka_partition, incarnation, ?, ?, ?, ?"
      + " FROM etl_offsets WHERE hour = ? AND topic = ? AND kafka_partition = ? AND begin_offset <= ?"
      + " AND end_offset >= ? AND state IN ('PLANNED', 'RUNNING', 'LOST')%s ORDER BY incarnation DESC LIMIT 1";

  /** The rows a run reads: those it took over as a rerun, and those it planned that no rerun took over. */
  static final String READ_BY = " AND (reader_run_id = ? OR (reader_run_id IS NULL AND run_id = ?))";
  /** The rows a run planned, whoever reads them. */
  static final String PLANNED_BY = " AND run_id = ?";

  private JdbcRangeOutcomes() {}

  static void finish(Connection c, JdbcRuns runs, long runId, Instant finishedAt, List<RangeOutcome> outcomes)
      throws SQLException {
    runs.requireOpen(c, runId, "records nothing");
    requireOnePerRange(runId, outcomes);
    Map<KafkaEvent, List<OpenRow>> reading = openRows(c, BY_RUN,
        " AND run_id = ? AND (reader_run_id IS NULL OR reader_run_id = ?)", runId, runId);
    // run_id <> ?: rows marked RUNNING before markRunning left reader_run_id NULL name their own run
    openRows(c, BY_READER, " AND reader_run_id = ? AND run_id <> ?", runId, runId)
        .forEach((range, rows) -> reading.computeIfAbsent(range, k -> new ArrayList<>(1)).addAll(rows));
    requireStillReading(runId, reading.keySet(), outcomes);
    // Only the rows this run reads: an earlier incarnation may have a row with the same offsets.
    insertLost(c, runId, finishedAt, lostIn(outcomes, reading), READ_BY, runId, runId);
    WholeRanges whole = WholeRanges.of(runId, outcomes, reading);
    updateOutcomes(c, finishedAt, outcomes, reading, whole);
    whole.record(c, finishedAt);
    JdbcRuns.updateState(c, runId, finishedAt,
        outcomes.stream().allMatch(o -> o.state().isFinal()) ? "COMPLETE" : "INCOMPLETE");
  }

  /**
   * Settles the open rows that dead run {@code deadRunId} planned (read by it or by a rerun that died
   * too): only those, since a recreated topic's next incarnation can have an open row with the same
   * offsets, planned by a later run.
   */
  static void settleDead(Connection c, long deadRunId, Instant at, List<RangeOutcome> outcomes) throws SQLException {
    requireOnePerRange(deadRunId, outcomes);
    Map<KafkaEvent, List<OpenRow>> open = openRows(c, BY_RUN, PLANNED_BY, deadRunId);
    insertLost(c, deadRunId, at, lostIn(outcomes, open), PLANNED_BY, deadRunId);
    updateOutcomes(c, at, outcomes, open, WholeRanges.none(deadRunId));
  }

  /** An open row of a range: its incarnation, the run and hour that planned it, and the records it holds now. */
  record OpenRow(int incarnation, long runId, String hour, long records) {}

  /**
   * Open rows (PLANNED or RUNNING) matching {@code condition}, locked, with the incarnation(s) each
   * range is open in. Read through {@code index} (a run's or a reader's rows), so it costs the run's
   * rows, not every row kept; the upserts then name each row by its whole key. For a run, these are
   * the ranges it may record: checked by reading rather than by update counts, which the driver
   * does not report for rewritten batches.
   */
  private static Map<KafkaEvent, List<OpenRow>> openRows(Connection c, String index, String condition,
      long... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(String.format(OPEN_ROWS, index) + condition + " FOR UPDATE")) {
      for (int i = 0; i < params.length; i++) {
        ps.setLong(i + 1, params[i]);
      }
      Map<KafkaEvent, List<OpenRow>> open = new HashMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          open.computeIfAbsent(new KafkaEvent(TopicPartition.of(rs.getString(1), rs.getInt(2)),
              new OffsetRange(rs.getLong(3), rs.getLong(4))), k -> new ArrayList<>(1))
              .add(new OpenRow(rs.getInt(5), rs.getLong(6), rs.getString(7), rs.getLong(8)));
        }
      }
      return open;
    }
  }

  /** Each range gets one outcome: a second would be applied over the first and count as another attempt. */
  private static void requireOnePerRange(long runId, List<RangeOutcome> outcomes) {
    Set<KafkaEvent> seen = new java.util.HashSet<>();
    for (RangeOutcome o : outcomes) {
      if (!seen.add(o.event())) {
        throw new IllegalArgumentException("run " + runId + " has two outcomes for range " + o.event()
            + "; nothing was recorded");
      }
    }
  }

  private static void requireStillReading(long runId, Set<KafkaEvent> reading, List<RangeOutcome> outcomes) {
    long taken = outcomes.stream().filter(o -> !reading.contains(o.event())).count();
    if (taken > 0) {
      throw new RunFencedException("run " + runId + " did not record its outcome: " + taken + " of " + outcomes.size()
          + " ranges were settled or taken over by another run meanwhile (this run had lost its lock and was"
          + " taken for dead); etl_offsets is as that run left it");
    }
  }

  /**
   * Records the outcomes of the open rows named in {@code open}, but those {@code whole} records,
   * with multi-row upserts: one UPDATE statement per row cost the server about 0.16 ms a row (22 s
   * for a run of 135 000 ranges, docs/performance.md), and a joined UPDATE from a staged table
   * spilled to a temporary file. Each hour's records move by every outcome, {@code whole}'s too.
   */
  private static void updateOutcomes(Connection c, Instant at, List<RangeOutcome> outcomes,
      Map<KafkaEvent, List<OpenRow>> open, WholeRanges whole) throws SQLException {
    Map<HourRecords.Key, Long> added = new HashMap<>();
    java.time.LocalDateTime updated = Batches.utc(at);
    try (PreparedStatement ps = c.prepareStatement(OUTCOME_UPSERT)) {
      int rows = 0;
      for (RangeOutcome o : outcomes) {
        for (OpenRow row : open.getOrDefault(o.event(), List.of())) {
          if (!whole.covers(o.event(), row.runId())) {
            bindOutcome(ps, updated, o, row);
            Batches.add(ps, ++rows);
          }
          added.merge(new HourRecords.Key(o.event().topic(), row.hour()), o.records() - row.records(), Long::sum);
        }
      }
      ps.executeBatch();
    }
    HourRecords.add(c, added);
  }

  private static void bindOutcome(PreparedStatement ps, java.time.LocalDateTime updated, RangeOutcome o, OpenRow row)
      throws SQLException {
    ps.setString(1, o.event().topic());
    ps.setInt(2, o.event().partition().partition());
    ps.setInt(3, row.incarnation());
    ps.setLong(4, o.event().range().begin());
    ps.setLong(5, o.event().range().end());
    ps.setLong(6, row.runId());
    ps.setString(7, row.hour());
    ps.setString(8, o.state().name());
    ps.setLong(9, o.reached());
    ps.setLong(10, o.records());
    ps.setLong(11, o.decodeErrors());
    // no detail is NULL, as the row was planned: the row keeps its length and changes in place (V33)
    ps.setString(12, o.detail() == null || o.detail().isEmpty() ? null : Batches.truncate(o.detail(), 2000));
    ps.setObject(13, updated);
  }

  /** A lost range and the hour of the row holding it, which names the row's place in the primary key. */
  record LostIn(KafkaEvent lost, String hour) {}

  /**
   * The outcomes' lost ranges, each with the hour of its open row of the latest incarnation: the row
   * {@link #insertLost} picked before it was told the hour (other incarnations' rows of the range
   * lost nothing). An outcome without an open row records nothing, as its outcome is not recorded.
   */
  private static List<LostIn> lostIn(List<RangeOutcome> outcomes, Map<KafkaEvent, List<OpenRow>> open) {
    List<LostIn> lost = new ArrayList<>();
    for (RangeOutcome o : outcomes) {
      open.getOrDefault(o.event(), List.of()).stream().max(java.util.Comparator.comparingInt(OpenRow::incarnation))
          .ifPresent(row -> o.lost().forEach(r -> lost.add(new LostIn(new KafkaEvent(o.event().partition(), r),
              row.hour()))));
    }
    return lost;
  }

  /**
   * Ranges of an incarnation the topic no longer has (deleted and recreated): nothing can read them
   * again, so what they had not read is recorded LOST, with {@code detail}.
   */
  static void recordIncarnationGone(Connection c, List<RangeRecord> ranges, Instant at, String detail)
      throws SQLException {
    String update = "UPDATE etl_offsets SET state = 'LOST', detail = ?, updated_at_utc = ? WHERE hour = ? AND topic = ?"
        + " AND kafka_partition = ? AND incarnation = ? AND begin_offset = ? AND state NOT IN ('COMPLETE', 'LOST')";
    String lost = "INSERT IGNORE INTO etl_lost_ranges (topic, kafka_partition, incarnation, begin_offset, end_offset,"
        + " run_id, detected_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(update); PreparedStatement ls = c.prepareStatement(lost)) {
      for (RangeRecord r : ranges) {
        ps.setString(1, Batches.truncate(detail, 2000));
        ps.setObject(2, Batches.utc(at));
        ps.setString(3, r.hour().toString());
        ps.setString(4, r.event().topic());
        ps.setInt(5, r.event().partition().partition());
        ps.setInt(6, r.incarnation());
        ps.setLong(7, r.event().range().begin());
        ps.addBatch();
        long from = Math.max(r.event().range().begin(), Math.min(r.reached(), r.event().range().end()));
        if (from < r.event().range().end()) {
          ls.setString(1, r.event().topic());
          ls.setInt(2, r.event().partition().partition());
          ls.setInt(3, r.incarnation());
          ls.setLong(4, from);
          ls.setLong(5, r.event().range().end());
          ls.setLong(6, r.runId());
          ls.setObject(7, Batches.utc(at));
          ls.addBatch();
        }
      }
      ps.executeBatch();
      ls.executeBatch();
    }
  }

  /**
   * Marks the ranges a rerun reads again as RUNNING with it as their reader; returns nothing new. They
   * are rows of {@code hour}: a rerun and a retry read the ranges of one hour, each into the hour it
   * was planned in, so each row is named by its whole primary key.
   */
  static void markRereading(Connection c, long rerunId, HourPartition hour, Instant startedAt,
      List<KafkaEvent> rereading) throws SQLException {
    Map<TopicPartition, JdbcIncarnations.Current> current = JdbcIncarnations.current(c,
        rereading.stream().map(KafkaEvent::partition).collect(Collectors.toSet()), false);
    try (PreparedStatement ps = c.prepareStatement(MARK_REREADING)) {
      for (KafkaEvent e : rereading) {
        JdbcIncarnations.Current now = current.get(e.partition());
        ps.setInt(7, now == null ? 0 : now.number());
        ps.setLong(1, rerunId);
        ps.setObject(2, Batches.utc(startedAt));
        ps.setString(3, e.topic());
        ps.setInt(4, e.partition().partition());
        ps.setLong(5, e.range().begin());
        ps.setLong(6, e.range().end());
        ps.setString(8, hour.toString());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Lost ranges are facts, recorded once: a rerun that meets the same gap again adds nothing. They
   * belong to the incarnation of the open (or just planned LOST) row holding them among the rows
   * {@code rowCondition} names for the caller: a recreated topic's other incarnation can have a row
   * with the same offsets, open at the same time, that lost nothing. The row is looked up by the
   * primary key {@code (hour, topic, kafka_partition, …)}: within the hour given, a partition has
   * a few rows, where without the hour it would be every row of the partition kept.
   */
  static void insertLost(Connection c, long runId, Instant at, List<LostIn> lost, String rowCondition,
      long... conditionParams) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(String.format(INSERT_LOST, rowCondition))) {
      int rows = 0;
      for (LostIn in : lost) {
        KafkaEvent e = in.lost();
        for (int i = 0; i < conditionParams.length; i++) {
          ps.setLong(10 + i, conditionParams[i]);
        }
        ps.setLong(1, e.range().begin());
        ps.setLong(2, e.range().end());
        ps.setLong(3, runId);
        ps.setObject(4, Batches.utc(at));
        ps.setString(5, in.hour());
        ps.setString(6, e.topic());
        ps.setInt(7, e.partition().partition());
        ps.setLong(8, e.range().begin());
        ps.setLong(9, e.range().end());
        Batches.add(ps, ++rows);
      }
      ps.executeBatch();
    }
  }
}
