package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.status.FleetBookkeeping;
import org.kafkaetl.core.status.FleetRecords;
import org.kafkaetl.core.status.TopicHour;

/**
 * The fleet view's reads, on one connection and in a number of statements that does not grow with
 * partitions or hours:
 *
 * <ol>
 *   <li>the rows that did not land (PLANNED, RUNNING, INCOMPLETE, LOST) of the window, whole,
 *       through {@code (state, hour)};
 *   <li>which hours of which topics have ranges at all: a loose scan of the primary key's
 *       {@code (hour, topic)} prefix over the window, reading one entry per hour and topic, not one
 *       per partition (every topic's: the topics not asked for are dropped here);
 *   <li>the same of the merge ledger, a loose scan of its {@code (topic, hour)} per topic;
 *   <li>only for the hours with ranges but no hourly file in the ledger (the merge after their run
 *       did not happen, or had nothing to merge), the landed ranges with records, {@value
 *       #PAIRS_PER_STATEMENT} hours and topics per statement through the primary key.
 * </ol>
 *
 * Aggregates over every row (counting ranges merged per hour) were measured at 2.4 s for 1.4 M rows:
 * 24 s at 300 topics of 1,000 partitions over 48 hours. The price of not reading every row: an hour
 * counts as merged once the ledger holds any of its hourly files, so a merge that failed for some
 * partitions of an hour shows in {@code status --topic}, which lists the hour's files, not here.
 */
public final class JdbcFleetBookkeeping implements FleetBookkeeping {
  static final int PAIRS_PER_STATEMENT = 200;

  private final Database database;

  public JdbcFleetBookkeeping(Database database) {
    this.database = database;
  }

  @Override
  public List<TopicHour> read(Collection<String> topics, HourPartition from, HourPartition to) {
    Set<String> wanted = new HashSet<>(topics);
    if (wanted.isEmpty()) {
      return List.of();
    }
    try (Connection c = database.connect()) {
      Map<Key, List<RangeRecord>> notComplete = notComplete(c, wanted, from, to);
      Set<Key> withRanges = hoursWithRanges(c, wanted, from, to);
      Set<Key> withLedger = hoursWithLedgerRows(c, wanted, from, to);
      List<Key> noneMerged = withRanges.stream().filter(k -> !withLedger.contains(k)).toList();
      Map<Key, SortedSet<Integer>> unmerged = unmerged(c, noneMerged);
      List<TopicHour> hours = new ArrayList<>();
      for (Key key : withRanges) {
        hours.add(new TopicHour(key.topic(), key.hour(), notComplete.getOrDefault(key, List.of()),
            unmerged.getOrDefault(key, new TreeSet<>()), new TreeSet<>()));
      }
      return hours;
    } catch (SQLException e) {
      throw database.failure("cannot read the status of " + topics.size() + " topics", e);
    }
  }

  /**
   * One statement, a part per topic as in {@link #hoursWithRows}, each a stretch of etl_hour_records'
   * primary key: one row per topic and hour, kept as outcomes are recorded. Summing the ranges
   * themselves read every range row of the window (about a minute at 300 topics × 1 000 partitions ×
   * 48 hours).
   */
  @Override
  public FleetRecords recordsPerHour(Collection<String> topics, HourPartition from, HourPartition to) {
    Set<String> wanted = new HashSet<>(topics);
    Map<String, Map<HourPartition, Long>> records = new HashMap<>();
    if (wanted.isEmpty()) {
      return new FleetRecords(records);
    }
    String sql = String.join(" UNION ALL ", java.util.Collections.nCopies(wanted.size(), "(SELECT topic, hour,"
        + " records FROM etl_hour_records WHERE topic = ? AND hour BETWEEN ? AND ?)"));
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (String topic : wanted) {
        ps.setString(i++, topic);
        ps.setString(i++, from.toString());
        ps.setString(i++, to.toString());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          records.computeIfAbsent(rs.getString(1), t -> new HashMap<>()).put(HourPartition.parse(rs.getString(2)),
              rs.getLong(3));
        }
      }
      return new FleetRecords(records);
    } catch (SQLException e) {
      throw database.failure("cannot read the records per hour of " + topics.size() + " topics", e);
    }
  }

  private record Key(String topic, HourPartition hour) {}

  private static Map<Key, List<RangeRecord>> notComplete(Connection c, Set<String> topics, HourPartition from,
      HourPartition to) throws SQLException {
    Map<Key, List<RangeRecord>> rows = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(JdbcRangeQueries.SELECT_RANGE_COLUMNS
        + "WHERE state IN ('PLANNED', 'RUNNING', 'INCOMPLETE', 'LOST') AND hour BETWEEN ? AND ?")) {
      ps.setString(1, from.toString());
      ps.setString(2, to.toString());
      for (RangeRecord r : JdbcRangeQueries.readRanges(ps)) {
        if (topics.contains(r.event().partition().topic())) {
          rows.computeIfAbsent(new Key(r.event().partition().topic(), r.hour()), k -> new ArrayList<>()).add(r);
        }
      }
    }
    return rows;
  }

  /** The hours and topics with ranges, by a loose scan of the primary key's {@code (hour, topic)} prefix. */
  private static Set<Key> hoursWithRanges(Connection c, Set<String> topics, HourPartition from, HourPartition to)
      throws SQLException {
    Set<Key> hours = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT hour, topic FROM etl_offsets WHERE hour BETWEEN ? AND ? GROUP BY hour, topic")) {
      ps.setString(1, from.toString());
      ps.setString(2, to.toString());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (topics.contains(rs.getString(2))) {
            hours.add(new Key(rs.getString(2), HourPartition.parse(rs.getString(1))));
          }
        }
      }
    }
    return hours;
  }

  /**
   * The hours and topics with a row in the merge ledger, by a loose scan of its {@code (topic,
   * hour)} index. One statement, a part per topic: with all topics in one {@code IN} list MariaDB
   * 10.11 chose a scan of every index entry of the window instead at 300 topics (23.9 s for 14.4 M
   * rows, docs/performance.md), while a part with one topic is a loose scan at any number of topics.
   */
  private static Set<Key> hoursWithLedgerRows(Connection c, Set<String> topics, HourPartition from, HourPartition to)
      throws SQLException {
    String sql = String.join(" UNION ALL ", java.util.Collections.nCopies(topics.size(), "(SELECT topic, hour FROM"
        + " etl_merge_ledger WHERE topic = ? AND hour BETWEEN ? AND ? GROUP BY topic, hour)"));
    Set<Key> hours = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (String topic : topics) {
        ps.setString(i++, topic);
        ps.setString(i++, from.toString());
        ps.setString(i++, to.toString());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          hours.add(new Key(rs.getString(1), HourPartition.parse(rs.getString(2))));
        }
      }
    }
    return hours;
  }

  /** Per hour and topic, the partitions with a landed range holding records that no ledger row names. */
  private static Map<Key, SortedSet<Integer>> unmerged(Connection c, List<Key> keys) throws SQLException {
    Map<Key, SortedSet<Integer>> unmerged = new HashMap<>();
    for (int from = 0; from < keys.size(); from += PAIRS_PER_STATEMENT) {
      List<Key> chunk = keys.subList(from, Math.min(keys.size(), from + PAIRS_PER_STATEMENT));
      String pairs = String.join(" OR ", java.util.Collections.nCopies(chunk.size(), "(o.topic = ? AND o.hour = ?)"));
      String sql = "SELECT o.topic, o.hour, o.kafka_partition FROM etl_offsets o WHERE (" + pairs + ")"
          + " AND o.state IN ('COMPLETE', 'LOST') AND o.records > 0 AND NOT EXISTS (SELECT 1 FROM etl_merge_ledger l"
          + " WHERE l.topic = o.topic AND l.hour = o.hour AND l.kafka_partition = o.kafka_partition"
          + " AND l.incarnation = o.incarnation AND l.begin_offset = o.begin_offset)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        for (Key key : chunk) {
          ps.setString(i++, key.topic());
          ps.setString(i++, key.hour().toString());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            unmerged.computeIfAbsent(new Key(rs.getString(1), HourPartition.parse(rs.getString(2))),
                k -> new TreeSet<>()).add(rs.getInt(3));
          }
        }
      }
    }
    return unmerged;
  }
}
