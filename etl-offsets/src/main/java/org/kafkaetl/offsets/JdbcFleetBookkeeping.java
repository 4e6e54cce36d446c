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
import org.kafkaetl.core.status.TopicHour;

/**
 * The fleet view's reads, on one connection and in a number of statements that does not grow with
 * topics, partitions or hours:
 *
 * <ol>
 *   <li>the rows that did not land (PLANNED, RUNNING, INCOMPLETE, LOST) of the window, whole,
 *       through {@code (state, hour)};
 *   <li>COMPLETE and LOST rows counted per hour and topic, through {@code (state, hour)} alone (the
 *       index holds the primary key's topic; no row is read);
 *   <li>the merge ledger's ranges counted per hour and topic, through its {@code (hour)} index alone;
 *   <li>only for the hours and topics where the ledger holds fewer ranges than landed (an unmerged
 *       range, or one with no records to merge), the landed ranges with records that the ledger does
 *       not hold, {@value #PAIRS_PER_STATEMENT} hours and topics per statement through
 *       {@code (topic, hour)} on both tables.
 * </ol>
 *
 * A range counts as merged once the ledger holds one of its hourly files: one merged for one date
 * but not another shows in {@code status --topic}, which lists the hour's files.
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
    try (Connection c = database.connect()) {
      Map<Key, List<RangeRecord>> notComplete = notComplete(c, wanted, from, to);
      // [landed (COMPLETE or LOST), of which COMPLETE]
      Map<Key, long[]> landed = countsPerHour(c, "SELECT hour, topic, COUNT(*), SUM(state = 'COMPLETE')"
          + " FROM etl_offsets WHERE state IN ('COMPLETE', 'LOST') AND hour BETWEEN ? AND ? GROUP BY hour, topic",
          wanted, from, to);
      Map<Key, long[]> ledger = countsPerHour(c, "SELECT hour, topic, COUNT(DISTINCT kafka_partition, incarnation,"
          + " begin_offset) FROM etl_merge_ledger WHERE hour BETWEEN ? AND ? GROUP BY hour, topic", wanted, from, to);
      List<Key> fewerMerged = landed.entrySet().stream()
          .filter(e -> ledger.getOrDefault(e.getKey(), new long[1])[0] < e.getValue()[0]).map(Map.Entry::getKey)
          .toList();
      Map<Key, SortedSet<Integer>> unmerged = unmerged(c, fewerMerged);
      Set<Key> keys = new HashSet<>(notComplete.keySet());
      keys.addAll(landed.keySet());
      List<TopicHour> hours = new ArrayList<>();
      for (Key key : keys) {
        hours.add(new TopicHour(key.topic(), key.hour(), (int) landed.getOrDefault(key, new long[2])[1],
            notComplete.getOrDefault(key, List.of()), unmerged.getOrDefault(key, new TreeSet<>()), new TreeSet<>()));
      }
      return hours;
    } catch (SQLException e) {
      throw database.failure("cannot read the status of " + topics.size() + " topics", e);
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

  /** The counts of a statement selecting (hour, topic, count, count...) per hour and topic. */
  private static Map<Key, long[]> countsPerHour(Connection c, String sql, Set<String> topics, HourPartition from,
      HourPartition to) throws SQLException {
    Map<Key, long[]> counts = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, from.toString());
      ps.setString(2, to.toString());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (topics.contains(rs.getString(2))) {
            long[] values = new long[rs.getMetaData().getColumnCount() - 2];
            for (int i = 0; i < values.length; i++) {
              values[i] = rs.getLong(3 + i);
            }
            counts.put(new Key(rs.getString(2), HourPartition.parse(rs.getString(1))), values);
          }
        }
      }
    }
    return counts;
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
