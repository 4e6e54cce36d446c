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
   * together there, where a read by partition would go through every day kept.
   */
  private static final String LEDGER_COLUMNS = "SELECT l.kafka_partition, l.begin_offset, l.end_offset, l.event_date,"
      + " l.hour, l.hourly_path, l.daily_path, l.part, l.daily_file_id, l.byte_begin, l.byte_end, l.records, o.state,"
      + " l.incarnation"
      + " FROM etl_merge_ledger l LEFT JOIN etl_offsets o FORCE INDEX (PRIMARY) ON o.hour = l.hour AND o.topic = l.topic"
      + " AND o.kafka_partition = l.kafka_partition AND o.incarnation = l.incarnation"
      + " AND o.begin_offset = l.begin_offset AND o.end_offset = l.end_offset WHERE l.topic = ? AND ";

  /** Partitions per statement of {@link #rowsBefore} and of the removed rows' ends. */
  private static final int CHUNK = 500;
  /** Hours per step of {@link #rowsBefore}'s walk back. */
  private static final int HOURS_PER_STEP = 24;

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
        RangeState.valueOf(rs.getString(5).strip()), rs.getLong(6), rs.getInt(7)));
  }

  /**
   * Per partition, the row of the hour before the window that ends where the partition's first row
   * of the window begins, read in one range of the primary key; then {@link #rowsBefore} only for
   * the partitions that had no such row (idle that hour, or not tiling) and do not begin at their
   * start, and where removed rows ended for those with no row before at all.
   *
   * <p>Why the row found in the hour before is the one {@link #rowsBefore} would find: it covers every
   * offset from its begin up to the first begin, so any row beginning between the two overlaps it.
   * The answers differ only where rows before the window overlap, which the audit of their own hours
   * reports. The hour before answers nearly every partition in one read; the walk back costs a day
   * of the topic's rows per step (docs/performance.md (4)).
   */
  @Override
  public Map<Integer, Long> endsBefore(String topic, int incarnation, HourPartition windowFrom,
      Map<Integer, Long> firstBegins) {
    Map<Integer, Long> ends = new TreeMap<>(tilingRowsOfHourBefore(topic, incarnation, windowFrom, firstBegins));
    Map<Integer, Long> rest = new TreeMap<>(firstBegins);
    rest.keySet().removeAll(ends.keySet());
    if (!rest.isEmpty()) {
      // A partition's rows tile from its start on (startRun's tiling check), so one whose first row
      // begins there has none before: new partitions and a recreated topic's would otherwise walk
      // back to the oldest hour. A start is recorded only for a partition without rows, once.
      Map<Integer, Long> starts = partitionStarts(topic, incarnation);
      rest.entrySet().removeIf(e -> e.getValue().equals(starts.get(e.getKey())));
    }
    if (!rest.isEmpty()) {
      rowsBefore(topic, incarnation, windowFrom, rest, ends);
    }
    List<Map.Entry<Integer, Long>> none = List.copyOf(rest.entrySet());
    for (int from = 0; from < none.size(); from += CHUNK) {
      prunedThrough(topic, incarnation, none.subList(from, Math.min(none.size(), from + CHUNK)), ends);
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
   * Per partition of {@code rest} (partition to its first begin), the end of its row with the largest
   * begin below its first begin, found walking back from the window a day at a time through the
   * primary key, until every partition is answered (and removed from {@code rest}) or the oldest hour
   * with rows is passed. The first day with such a row of a partition holds the one sought: hour
   * order is offset order within a partition incarnation (each run plans a partition from where its
   * last range ended), so an earlier day's rows begin before this day's.
   */
  private void rowsBefore(String topic, int incarnation, HourPartition windowFrom, Map<Integer, Long> rest,
      Map<Integer, Long> ends) {
    Optional<HourPartition> oldest = oldestHour();
    HourPartition to = windowFrom.previous();
    while (!rest.isEmpty() && oldest.isPresent() && to.compareTo(oldest.get()) >= 0) {
      HourPartition from = new HourPartition(to.start().minusHours(HOURS_PER_STEP - 1));
      Map<Integer, long[]> found = new TreeMap<>();
      List<Integer> partitions = List.copyOf(rest.keySet());
      for (int i = 0; i < partitions.size(); i += CHUNK) {
        List<Integer> chunk = partitions.subList(i, Math.min(partitions.size(), i + CHUNK));
        rowsOfDay(topic, incarnation, new HoursOfTopic(topic, from, to), chunk).forEach(row -> {
          Long first = rest.get((int) row[0]);
          long[] best = found.get((int) row[0]);
          if (first != null && row[1] < first && (best == null || row[1] > best[1])) {
            found.put((int) row[0], row);
          }
        });
      }
      found.forEach((partition, row) -> ends.put(partition, row[2]));
      rest.keySet().removeAll(found.keySet());
      to = from.previous();
    }
  }

  /**
   * The rows (partition, begin, end) of one incarnation of the partitions {@code chunk} spans, in
   * {@code hours}: one range of the primary key per hour.
   */
  private List<long[]> rowsOfDay(String topic, int incarnation, HoursOfTopic hours, List<Integer> chunk) {
    return query("the rows of " + topic + " before the window", rowsOfDayStatement(hours), ps -> {
      int i = hours.bind(ps, 1);
      ps.setInt(i++, chunk.get(0));
      ps.setInt(i++, chunk.get(chunk.size() - 1));
      ps.setInt(i, incarnation);
    }, rs -> new long[] {rs.getInt(1), rs.getLong(2), rs.getLong(3)});
  }

  static String rowsOfDayStatement(HoursOfTopic hours) {
    return "SELECT kafka_partition, begin_offset, end_offset" + HoursOfTopic.FROM + " WHERE" + hours.where()
        + " AND kafka_partition BETWEEN ? AND ? AND incarnation = ?";
  }

  /** The oldest hour with rows: the first entry of the primary key. */
  private Optional<HourPartition> oldestHour() {
    return query("the oldest hour of etl_offsets", "SELECT MIN(hour) FROM etl_offsets", ps -> { },
        rs -> Optional.ofNullable(rs.getString(1)).map(HourPartition::parse)).get(0);
  }

  /**
   * For partitions of {@code chunk} with no row before their first, where their removed rows ended,
   * if that is not after the first begin.
   */
  private void prunedThrough(String topic, int incarnation, List<Map.Entry<Integer, Long>> chunk,
      Map<Integer, Long> ends) {
    Map<Integer, Long> begins = new TreeMap<>();
    chunk.forEach(e -> begins.put(e.getKey(), e.getValue()));
    query("where the removed rows of " + topic + " end", "SELECT kafka_partition, pruned_through FROM"
        + " etl_partition_ends WHERE topic = ? AND incarnation = ? AND pruned_through IS NOT NULL AND kafka_partition"
        + " IN (" + JdbcIncarnations.placeholders(chunk.size()) + ")", ps -> {
          ps.setString(1, topic);
          ps.setInt(2, incarnation);
          for (int i = 0; i < chunk.size(); i++) {
            ps.setInt(i + 3, chunk.get(i).getKey());
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
