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
import java.util.OptionalLong;
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
  private static final String LEDGER_COLUMNS = "SELECT l.kafka_partition, l.begin_offset, l.end_offset, l.event_date,"
      + " l.hour, l.hourly_path, l.daily_path, l.part, l.daily_file_id, l.byte_begin, l.byte_end, l.records, o.state,"
      + " l.incarnation"
      + " FROM etl_merge_ledger l LEFT JOIN etl_offsets o ON o.topic = l.topic AND o.kafka_partition = l.kafka_partition"
      + " AND o.incarnation = l.incarnation AND o.begin_offset = l.begin_offset AND o.end_offset = l.end_offset"
      + " WHERE l.topic = ? AND ";

  private final Database database;

  public JdbcAuditSource(Database database) {
    this.database = database;
  }

  @Override
  public List<RangeRow> ranges(String topic, HourPartition from, HourPartition to) {
    String sql = "SELECT kafka_partition, begin_offset, end_offset, hour, state, records, incarnation FROM etl_offsets"
        + " WHERE topic = ? AND hour BETWEEN ? AND ? ORDER BY kafka_partition, incarnation, begin_offset";
    return query("the etl_offsets rows of " + topic + " " + from + "-" + to, sql, ps -> {
      ps.setString(1, topic);
      ps.setString(2, from.toString());
      ps.setString(3, to.toString());
    }, rs -> new RangeRow(rs.getInt(1), new OffsetRange(rs.getLong(2), rs.getLong(3)), HourPartition.parse(rs.getString(4)),
        RangeState.valueOf(rs.getString(5)), rs.getLong(6), rs.getInt(7)));
  }

  @Override
  public OptionalLong endBefore(String topic, int partition, int incarnation, long begin) {
    String sql = "SELECT end_offset FROM etl_offsets WHERE topic = ? AND kafka_partition = ? AND incarnation = ?"
        + " AND begin_offset < ? ORDER BY begin_offset DESC LIMIT 1";
    List<Long> ends = query("the row before offset " + begin + " of " + topic + "-" + partition, sql, ps -> {
      ps.setString(1, topic);
      ps.setInt(2, partition);
      ps.setInt(3, incarnation);
      ps.setLong(4, begin);
    }, rs -> rs.getLong(1));
    if (!ends.isEmpty()) {
      return OptionalLong.of(ends.get(0));
    }
    // The rows before were removed past retention: they ended where the removal stopped.
    List<Long> pruned = query("where the removed rows of " + topic + "-" + partition + " end",
        "SELECT pruned_through FROM etl_partition_ends WHERE topic = ? AND kafka_partition = ? AND incarnation = ?"
            + " AND pruned_through <= ?", ps -> {
              ps.setString(1, topic);
              ps.setInt(2, partition);
              ps.setInt(3, incarnation);
              ps.setLong(4, begin);
            }, rs -> rs.getLong(1));
    return pruned.isEmpty() ? OptionalLong.empty() : OptionalLong.of(pruned.get(0));
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
