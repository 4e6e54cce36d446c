package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.audit.AuditSource;
import org.kafkaetl.core.audit.LedgerRow;
import org.kafkaetl.core.audit.RangeRow;
import org.kafkaetl.core.offsets.RangeState;

/**
 * {@link AuditSource} with its own plain SQL on etl_offsets, etl_lost_ranges, etl_partition_starts,
 * etl_partition_ends (where rows removed past retention ended) and etl_merge_ledger — not through {@link JdbcOffsetStore} or {@link JdbcMergeLedger}, so the
 * audit does not share the writers' queries. Connections are read-only and never migrate the schema.
 */
public final class JdbcAuditSource implements AuditSource {
  /**
   * The ledger with the state of each merged range's row. A range's files are always in the
   * directory of the hour its row was planned in (reruns and retries read it into that hour), so the
   * row is found by the whole primary key {@code (hour, topic, …)}: a day's rows of a topic lie
   * together there, where the begin index holds a leaf per partition over every day kept.
   */
  private static final String LEDGER_COLUMNS = "SELECT l.kafka_partition, l.begin_offset, l.end_offset, l.event_date,"
      + " l.hour, l.hourly_path, l.daily_path, l.part, l.daily_file_id, l.byte_begin, l.byte_end, l.records, o.state,"
      + " l.incarnation"
      + " FROM etl_merge_ledger l LEFT JOIN etl_offsets o FORCE INDEX (PRIMARY) ON o.hour = l.hour AND o.topic = l.topic"
      + " AND o.kafka_partition = l.kafka_partition AND o.incarnation = l.incarnation"
      + " AND o.begin_offset = l.begin_offset AND o.end_offset = l.end_offset WHERE l.topic = ? AND ";

  /** The end of one partition's row with the largest begin below a given one. */
  private static final String ROW_BEFORE = "(SELECT kafka_partition, end_offset FROM etl_offsets WHERE topic = ?"
      + " AND kafka_partition = ? AND incarnation = ? AND begin_offset < ? ORDER BY begin_offset DESC LIMIT 1)";
  /** Partitions per statement of {@link #rowsBefore}. */
  private static final int CHUNK = 500;

  private final Database database;

  public JdbcAuditSource(Database database) {
    this.database = database;
  }

  @Override
  public List<RangeRow> ranges(String topic, HourPartition from, HourPartition to) {
    HoursOfTopic hours = new HoursOfTopic(topic, from, to);
    String sql = "SELECT kafka_partition, begin_offset, end_offset, hour, state, records, incarnation" + HoursOfTopic.FROM
        + " WHERE" + hours.where() + " ORDER BY kafka_partition, incarnation, begin_offset";
    return query("the etl_offsets rows of " + topic + " " + from + "-" + to, sql, ps -> hours.bind(ps, 1), rs -> new RangeRow(rs.getInt(1), new OffsetRange(rs.getLong(2), rs.getLong(3)), HourPartition.parse(rs.getString(4)),
        RangeState.valueOf(rs.getString(5)), rs.getLong(6), rs.getInt(7)));
  }

  /**
   * Per partition, the row of the hour before the window that ends where the partition's first row
   * of the window begins, read in one range of the primary key; then {@link #ROW_BEFORE} only for
   * the partitions that had no such row (idle that hour, or not tiling), and where removed rows
   * ended for those with no row before at all.
   *
   * <p>Why the row found in the hour before is the one {@link #ROW_BEFORE} would find: it covers every
   * offset from its begin up to the first begin, so any row beginning between the two overlaps it.
   * The answers differ only where rows before the window overlap, which the audit of their own hours
   * reports. The lookups the shortcut saves are the expensive part: the begin index holds a leaf per
   * partition over every day kept, so at 100 000 partitions with a month kept they are mostly reads
   * from disk (docs/performance.md (4)).
   */
  @Override
  public Map<Integer, Long> endsBefore(String topic, int incarnation, HourPartition windowFrom,
      Map<Integer, Long> firstBegins) {
    Map<Integer, Long> ends = new TreeMap<>(tilingRowsOfHourBefore(topic, incarnation, windowFrom, firstBegins));
    List<Map.Entry<Integer, Long>> rest = firstBegins.entrySet().stream().filter(e -> !ends.containsKey(e.getKey()))
        .toList();
    for (int from = 0; from < rest.size(); from += CHUNK) {
      List<Map.Entry<Integer, Long>> chunk = rest.subList(from, Math.min(rest.size(), from + CHUNK));
      rowsBefore(topic, incarnation, chunk, ends);
    }
    return ends;
  }

  private Map<Integer, Long> tilingRowsOfHourBefore(String topic, int incarnation, HourPartition windowFrom,
      Map<Integer, Long> firstBegins) {
    Map<Integer, Long> ends = new TreeMap<>();
    query("the rows of " + topic + " in the hour before " + windowFrom, "SELECT kafka_partition, end_offset"
        + HoursOfTopic.FROM + " WHERE hour = ? AND topic = ? AND incarnation = ?", ps -> {
          ps.setString(1, windowFrom.previous().toString());
          ps.setString(2, topic);
          ps.setInt(3, incarnation);
        }, rs -> Map.entry(rs.getInt(1), rs.getLong(2)))
        .stream().filter(e -> e.getValue().equals(firstBegins.get(e.getKey())))
        .forEach(e -> ends.put(e.getKey(), e.getValue()));
    return ends;
  }

  /**
   * {@link #ROW_BEFORE} per partition of {@code chunk} in one UNION ALL: each is one descending
   * index lookup, and one statement for many saves a round trip (and here a connection) each.
   * Partitions with no row before get where their removed rows ended, if that is not after the begin.
   */
  private void rowsBefore(String topic, int incarnation, List<Map.Entry<Integer, Long>> chunk,
      Map<Integer, Long> ends) {
    String sql = String.join(" UNION ALL ", java.util.Collections.nCopies(chunk.size(), ROW_BEFORE));
    query("the rows before the window of " + topic, sql, ps -> {
      int i = 1;
      for (Map.Entry<Integer, Long> e : chunk) {
        ps.setString(i++, topic);
        ps.setInt(i++, e.getKey());
        ps.setInt(i++, incarnation);
        ps.setLong(i++, e.getValue());
      }
    }, rs -> Map.entry(rs.getInt(1), rs.getLong(2))).forEach(e -> ends.put(e.getKey(), e.getValue()));
    List<Map.Entry<Integer, Long>> none = chunk.stream().filter(e -> !ends.containsKey(e.getKey())).toList();
    if (none.isEmpty()) {
      return;
    }
    Map<Integer, Long> begins = new TreeMap<>();
    none.forEach(e -> begins.put(e.getKey(), e.getValue()));
    query("where the removed rows of " + topic + " end", "SELECT kafka_partition, pruned_through FROM"
        + " etl_partition_ends WHERE topic = ? AND incarnation = ? AND pruned_through IS NOT NULL AND kafka_partition"
        + " IN (" + JdbcIncarnations.placeholders(none.size()) + ")", ps -> {
          ps.setString(1, topic);
          ps.setInt(2, incarnation);
          for (int i = 0; i < none.size(); i++) {
            ps.setInt(i + 3, none.get(i).getKey());
          }
        }, rs -> Map.entry(rs.getInt(1), rs.getLong(2)))
        .stream().filter(e -> e.getValue() <= begins.get(e.getKey()))
        .forEach(e -> ends.put(e.getKey(), e.getValue()));
  }

  @Override
  public Map<Integer, Long> partitionStarts(String topic, int incarnation) {
    Map<Integer, Long> starts = new TreeMap<>();
    query("the partition starts of " + topic, "SELECT kafka_partition, start_offset FROM etl_partition_starts WHERE topic = ?"
        + " AND incarnation = ?", ps -> {
          ps.setString(1, topic);
          ps.setInt(2, incarnation);
        }, rs -> Map.entry(rs.getInt(1), rs.getLong(2)))
        .forEach(e -> starts.put(e.getKey(), e.getValue()));
    return starts;
  }

  @Override
  public Map<Integer, List<OffsetRange>> lostRanges(String topic, int incarnation) {
    Map<Integer, List<OffsetRange>> lost = new TreeMap<>();
    query("the lost ranges of " + topic, "SELECT kafka_partition, begin_offset, end_offset FROM etl_lost_ranges"
        + " WHERE topic = ? AND incarnation = ? ORDER BY kafka_partition, begin_offset", ps -> {
          ps.setString(1, topic);
          ps.setInt(2, incarnation);
        },
        rs -> Map.entry(rs.getInt(1), new OffsetRange(rs.getLong(2), rs.getLong(3))))
        .forEach(e -> lost.computeIfAbsent(e.getKey(), p -> new ArrayList<>()).add(e.getValue()));
    return lost;
  }

  @Override
  public List<LedgerRow> ledger(String topic, LocalDate date) {
    return query("the merge ledger of " + topic + " " + date,
        LEDGER_COLUMNS + "l.event_date = ? ORDER BY l.kafka_partition, l.part, l.byte_begin", ps -> {
          ps.setString(1, topic);
          ps.setObject(2, date);
        }, JdbcAuditSource::ledgerRow);
  }

  @Override
  public List<LedgerRow> ledgerOfHours(String topic, HourPartition from, HourPartition to) {
    return query("the merge ledger of " + topic + " hours " + from + "-" + to,
        LEDGER_COLUMNS + "l.hour BETWEEN ? AND ? ORDER BY l.kafka_partition, l.event_date, l.part, l.byte_begin", ps -> {
          ps.setString(1, topic);
          ps.setString(2, from.toString());
          ps.setString(3, to.toString());
        }, JdbcAuditSource::ledgerRow);
  }

  private static LedgerRow ledgerRow(ResultSet rs) throws SQLException {
    String state = rs.getString(13);
    return new LedgerRow(rs.getInt(1), new OffsetRange(rs.getLong(2), rs.getLong(3)), rs.getObject(4, LocalDate.class),
        HourPartition.parse(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9),
        rs.getLong(10), rs.getLong(11), rs.getLong(12),
        state == null ? Optional.empty() : Optional.of(RangeState.valueOf(state)), rs.getInt(14));
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String what, String sql, Binder binder, RowReader<T> reader) {
    try (Connection c = database.connect()) {
      c.setReadOnly(true);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(ps);
        List<T> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(reader.read(rs));
          }
        }
        return rows;
      }
    } catch (SQLException e) {
      throw database.failure("cannot read " + what, e);
    }
  }
}
