package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.offsets.HistoryPruned;

/**
 * Removes etl_offsets rows of hours past retention. Per partition incarnation only a prefix goes: the
 * rows before its first row that must stay (recent, not final, or of an hour whose directory is still
 * in the work root), so the rows kept still tile from one offset on, and that offset is recorded as
 * etl_partition_ends.pruned_through for the audit. etl_partition_ends.end_offset is never touched:
 * where a partition continues does not depend on the rows kept, so removing an idle partition's
 * every row cannot make the next run read it again from its start.
 */
final class JdbcHistoryPruning {
  /**
   * Partitions per transaction: bounds the rows one transaction reads (every kept row of its
   * partitions, about 720 each with 30 days kept), locks and deletes.
   */
  private static final int CHUNK = 200;

  private final Database database;

  JdbcHistoryPruning(Database database) {
    this.database = database;
  }

  /**
   * The rows of one partition incarnation that go: those before {@code keptFrom} (its first row that
   * stays, or none), {@code count} of them, ending at most at {@code removedEnd}.
   */
  private record Prefix(int partition, int incarnation, long keptFrom, long count, long removedEnd) {}

  HistoryPruned prune(HourPartition before, Set<HourPartition> keep) {
    long partitions = 0;
    long ranges = 0;
    long lost = 0;
    for (String topic : topics()) {
      List<Integer> all = partitionsOf(topic);
      for (int from = 0; from < all.size(); from += CHUNK) {
        List<Integer> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
        HistoryPruned done = database.inTransaction("cannot remove old etl_offsets rows of " + topic,
            c -> pruneChunk(c, topic, chunk, before, keep));
        partitions += done.partitions();
        ranges += done.ranges();
        lost += done.lostRanges();
      }
    }
    database.inTransaction("cannot remove the sizing and lag of hours before " + before, c -> pruneMeasurements(c,
        before, keep));
    return new HistoryPruned(partitions, ranges, lost);
  }

  /**
   * How runs of hours past retention were sized and what they measured: sizing reads only the last
   * few runs of each topic, and a topic silent for longer starts again from its starting rate. And
   * the lag and records per hour kept for those hours, which the page plots only over its window;
   * not of an hour whose directory is kept: its ranges are kept too, a rerun changes its records by
   * what it adds, and status shows it.
   */
  private static Void pruneMeasurements(Connection c, HourPartition before, Set<HourPartition> keep)
      throws SQLException {
    for (String table : List.of("etl_topic_throughput", "etl_run_sizing")) {
      try (PreparedStatement ps = c.prepareStatement("DELETE s FROM " + table + " s JOIN etl_runs r"
          + " ON r.run_id = s.run_id WHERE r.hour < ?")) {
        ps.setString(1, before.toString());
        ps.executeUpdate();
      }
    }
    // what the page plots over its window of hours
    for (String table : List.of("etl_topic_lag", "etl_hour_records")) {
      List<HourPartition> kept = keep.stream().filter(h -> h.compareTo(before) < 0).sorted().toList();
      String notKept = kept.isEmpty() ? "" : " AND hour NOT IN (" + String.join(", ",
          java.util.Collections.nCopies(kept.size(), "?")) + ")";
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE hour < ?" + notKept)) {
        ps.setString(1, before.toString());
        for (int i = 0; i < kept.size(); i++) {
          ps.setString(i + 2, kept.get(i).toString());
        }
        ps.executeUpdate();
      }
    }
    return null;
  }

  private HistoryPruned pruneChunk(Connection c, String topic, List<Integer> chunk, HourPartition before,
      Set<HourPartition> keep) throws SQLException {
    String in = " AND kafka_partition IN (" + JdbcIncarnations.placeholders(chunk.size()) + ")";
    // Locks the end rows first, in the order planning locks them: a run cannot store ranges meanwhile.
    try (PreparedStatement ps = c.prepareStatement("SELECT kafka_partition FROM etl_partition_ends WHERE topic = ?"
        + in + " ORDER BY kafka_partition, incarnation FOR UPDATE")) {
      bind(ps, topic, chunk);
      ps.executeQuery().close();
    }
    List<Prefix> prefixes = removablePrefixes(c, topic, chunk, in, before, keep);
    String deleteRanges = "DELETE FROM etl_offsets WHERE topic = ? AND kafka_partition = ? AND incarnation = ?"
        + " AND begin_offset < ?";
    String deleteLost = "DELETE FROM etl_lost_ranges WHERE topic = ? AND kafka_partition = ? AND incarnation = ?"
        + " AND begin_offset < ? AND end_offset <= ?";
    String mark = "UPDATE etl_partition_ends SET pruned_through = ? WHERE topic = ? AND kafka_partition = ?"
        + " AND incarnation = ?";
    long rows = 0;
    try (PreparedStatement ranges = c.prepareStatement(deleteRanges);
        PreparedStatement lost = c.prepareStatement(deleteLost);
        PreparedStatement marks = c.prepareStatement(mark)) {
      for (Prefix p : prefixes) {
        rows += p.count();
        ranges.setString(1, topic);
        ranges.setInt(2, p.partition());
        ranges.setInt(3, p.incarnation());
        ranges.setLong(4, p.keptFrom());
        ranges.addBatch();
        lost.setString(1, topic);
        lost.setInt(2, p.partition());
        lost.setInt(3, p.incarnation());
        lost.setLong(4, p.keptFrom());
        lost.setLong(5, p.removedEnd());
        lost.addBatch();
        marks.setLong(1, p.removedEnd());
        marks.setString(2, topic);
        marks.setInt(3, p.partition());
        marks.setInt(4, p.incarnation());
        marks.addBatch();
      }
      ranges.executeBatch();
      long lostRows = sum(lost.executeBatch());
      marks.executeBatch();
      return new HistoryPruned(prefixes.size(), rows, lostRows);
    }
  }

  /**
   * Reads the chunk's rows in key order (by partition, incarnation, offset) and finds each
   * incarnation's prefix of rows that may go: of an hour before {@code before} not in {@code keep},
   * and COMPLETE or LOST. The prefix ends at the first row that must stay, so the rows kept still
   * tile from the removed rows' end on; {@code removedEnd} is that end as stored, so a gap after it
   * still shows in the audit.
   */
  private static List<Prefix> removablePrefixes(Connection c, String topic, List<Integer> chunk, String in,
      HourPartition before, Set<HourPartition> keep) throws SQLException {
    Set<String> keptHours = new TreeSet<>();
    keep.forEach(h -> keptHours.add(h.toString()));
    String beforeHour = before.toString();
    List<Prefix> prefixes = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT kafka_partition, incarnation, begin_offset, end_offset, hour,"
        + " state FROM etl_offsets WHERE topic = ?" + in + " ORDER BY kafka_partition, incarnation, begin_offset")) {
      bind(ps, topic, chunk);
      try (ResultSet rs = ps.executeQuery()) {
        int partition = -1;
        int incarnation = -1;
        boolean stopped = false;
        long count = 0;
        long removedEnd = 0;
        while (rs.next()) {
          if (rs.getInt(1) != partition || rs.getInt(2) != incarnation) {
            addIfAny(prefixes, partition, incarnation, Long.MAX_VALUE, count, removedEnd);
            partition = rs.getInt(1);
            incarnation = rs.getInt(2);
            stopped = false;
            count = 0;
            removedEnd = 0;
          }
          if (stopped) {
            continue;
          }
          String hour = rs.getString(5);
          String state = rs.getString(6);
          boolean removable = hour.compareTo(beforeHour) < 0 && !keptHours.contains(hour)
              && (state.equals("COMPLETE") || state.equals("LOST"));
          if (removable) {
            count++;
            removedEnd = Math.max(removedEnd, rs.getLong(4));
          } else {
            addIfAny(prefixes, partition, incarnation, rs.getLong(3), count, removedEnd);
            count = 0;
            stopped = true;
          }
        }
        addIfAny(prefixes, partition, incarnation, Long.MAX_VALUE, count, removedEnd);
      }
    }
    return prefixes;
  }

  private static void addIfAny(List<Prefix> prefixes, int partition, int incarnation, long keptFrom, long count,
      long removedEnd) {
    if (count > 0) {
      prefixes.add(new Prefix(partition, incarnation, keptFrom, count, removedEnd));
    }
  }

  private List<String> topics() {
    return database.inTransaction("cannot read the topics of etl_partition_ends", c -> {
      List<String> topics = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT topic FROM etl_partition_ends ORDER BY topic");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          topics.add(rs.getString(1));
        }
      }
      return topics;
    });
  }

  private List<Integer> partitionsOf(String topic) {
    return database.inTransaction("cannot read the partitions of " + topic, c -> {
      List<Integer> partitions = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT kafka_partition FROM etl_partition_ends"
          + " WHERE topic = ? ORDER BY kafka_partition")) {
        ps.setString(1, topic);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            partitions.add(rs.getInt(1));
          }
        }
      }
      return partitions;
    });
  }

  private static int bind(PreparedStatement ps, String topic, List<Integer> chunk) throws SQLException {
    ps.setString(1, topic);
    int i = 2;
    for (int partition : chunk) {
      ps.setInt(i++, partition);
    }
    return i;
  }

  private static long sum(int[] counts) {
    long total = 0;
    for (int n : counts) {
      total += Math.max(0, n);
    }
    return total;
  }
}
