package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;

/**
 * The outcomes of a run that read a whole range with every offset a record, recorded on the run's own
 * rows by one UPDATE per hour instead of a row each. That is how most ranges end (a topic without
 * transaction markers, compaction or decode errors), and every value such an outcome stores follows
 * from the row's own offsets: COMPLETE, reached = end, records = end - begin, no decode errors, no
 * detail. So no per-row values travel or are parsed, and each row changes in place (V33): at 100 000
 * partitions this took the server 0.9 s where the row-by-row upserts took 2.1-2.8 s, and the client
 * built no statements (docs/performance.md (4)).
 *
 * <p>It applies only when the run's open rows are exactly the ranges it has outcomes for and no
 * outcome leaves a row open: the UPDATE names the run's open rows, not the ranges, so the other
 * outcomes are recorded row by row first, and what is still open is then exactly these rows. Each
 * statement's count must be the rows expected, or the transaction is rolled back.
 */
final class WholeRanges {
  /** Through the run's index, as {@link JdbcRangeOutcomes#finish} read and locked them: no other rows are locked. */
  private static final String UPDATE = "UPDATE etl_offsets FORCE INDEX (etl_offsets_run) SET state = 'COMPLETE', reached_offset = end_offset,"
      + " records = end_offset - begin_offset, decode_errors = 0, detail = NULL, updated_at_utc = ?,"
      + " attempts = attempts + 1 WHERE hour = ? AND run_id = ? AND (reader_run_id IS NULL OR reader_run_id = ?)"
      + " AND state IN ('PLANNED', 'RUNNING')";

  private final long runId;
  private final Set<KafkaEvent> whole;
  private final Map<String, Integer> rowsByHour;

  private WholeRanges(long runId, Set<KafkaEvent> whole, Map<String, Integer> rowsByHour) {
    this.runId = runId;
    this.whole = whole;
    this.rowsByHour = rowsByHour;
  }

  /** Nothing recorded by hour: every outcome goes row by row. */
  static WholeRanges none(long runId) {
    return new WholeRanges(runId, Set.of(), Map.of());
  }

  /**
   * The whole-range outcomes of run {@code runId} among {@code outcomes}, given its open rows: its
   * own (planned by it, read by it or by no rerun) and those it reads for other runs, which stay row
   * by row.
   */
  static WholeRanges of(long runId, List<RangeOutcome> outcomes, Map<KafkaEvent, List<JdbcRangeOutcomes.OpenRow>> open) {
    Set<KafkaEvent> whole = new HashSet<>();
    for (RangeOutcome o : outcomes) {
      if (o.state() == RangeState.PLANNED || o.state() == RangeState.RUNNING) {
        return none(runId);
      }
      if (isWhole(o)) {
        whole.add(o.event());
      }
    }
    if (open.size() != outcomes.size()) {
      return none(runId); // an open row without an outcome stays open, so the run's open rows are not ours to name
    }
    Map<String, Integer> rowsByHour = new TreeMap<>();
    for (KafkaEvent event : whole) {
      for (JdbcRangeOutcomes.OpenRow row : open.get(event)) {
        if (row.runId() == runId) {
          rowsByHour.merge(row.hour(), 1, Integer::sum);
        }
      }
    }
    return new WholeRanges(runId, whole, rowsByHour);
  }

  /** Whether the outcome read every offset of its range as a record and stores nothing else. */
  static boolean isWhole(RangeOutcome o) {
    return o.state() == RangeState.COMPLETE && o.reached() == o.event().range().end()
        && o.records() == o.event().range().end() - o.event().range().begin() && o.decodeErrors() == 0
        && (o.detail() == null || o.detail().isEmpty()) && o.lost().isEmpty();
  }

  /** Whether the row, of {@code event} and planned by run {@code plannedBy}, is left to {@link #record}. */
  boolean covers(KafkaEvent event, long plannedBy) {
    return plannedBy == runId && whole.contains(event);
  }

  /** Records the outcomes on the rows {@link #covers} named; after every other outcome was recorded. */
  void record(Connection c, Instant at) throws SQLException {
    if (rowsByHour.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
      for (Map.Entry<String, Integer> hour : rowsByHour.entrySet()) {
        ps.setObject(1, Batches.utc(at));
        ps.setString(2, hour.getKey());
        ps.setLong(3, runId);
        ps.setLong(4, runId);
        int updated = ps.executeUpdate();
        if (updated != hour.getValue()) {
          throw new IllegalStateException("run " + runId + " had " + hour.getValue() + " open rows of whole ranges in"
              + " hour " + hour.getKey() + " but " + updated + " were open; nothing was recorded");
        }
      }
    }
  }
}
