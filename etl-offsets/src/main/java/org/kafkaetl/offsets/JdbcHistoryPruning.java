package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 *
 * <p>The rows are walked hour by hour through the primary key {@code (hour, topic, …)}, oldest
 * first: one hour's rows of a topic lie together there, where a walk by partition needs an index
 * with a leaf per partition over every day kept. Hour order is offset order within a partition
 * incarnation: each run plans a partition from where its last range ended, so a later hour's rows
 * begin after an earlier hour's end, and reruns and retries read a range again into the hour it
 * was planned in. So the prefix that goes is the rows met before the first that must stay, which
 * stops its partition incarnation for the rest of the walk. This needs runs' hours never to go
 * back: a run lands in the hour its host's clock shows in etl.timezone, so a clock stepped back
 * across an hour, or a changed etl.timezone, would put later offsets in an earlier hour, and the
 * walk could remove a row after one that stays (the audit of the kept days would then show a gap).
 */
final class JdbcHistoryPruning {
  /** The hours before one that have rows. */
  static final String HOURS_BEFORE = "SELECT DISTINCT hour FROM etl_offsets WHERE hour < ? ORDER BY hour";
  /** One topic's rows of one hour, in offset order per partition incarnation. */
  static final String ROWS_OF_HOUR = "SELECT kafka_partition, incarnation, begin_offset, end_offset, state"
      + " FROM etl_offsets WHERE hour = ? AND topic = ? ORDER BY kafka_partition, incarnation, begin_offset";
  static final String DELETE_RANGE = "DELETE FROM etl_offsets WHERE hour = ? AND topic = ? AND kafka_partition = ?"
      + " AND incarnation = ? AND begin_offset = ?";

  private final Database database;

  JdbcHistoryPruning(Database database) {
    this.database = database;
  }

  /** A partition incarnation of one topic. */
  private record PartitionIncarnation(int partition, int incarnation) implements Comparable<PartitionIncarnation> {
    @Override
    public int compareTo(PartitionIncarnation o) {
      int byPartition = Integer.compare(partition, o.partition);
      return byPartition != 0 ? byPartition : Integer.compare(incarnation, o.incarnation);
    }
  }

  /** The rows of one hour that go, by partition incarnation and begin offset, and the largest end of each one's. */
  private record Removal(Map<PartitionIncarnation, List<Long>> begins, Map<PartitionIncarnation, Long> ends) {}

  HistoryPruned prune(HourPartition before, Set<HourPartition> keep) {
    long partitions = 0;
    long ranges = 0;
    long lost = 0;
    List<String> hours = hoursBefore(before);
    Set<String> keptHours = new TreeSet<>();
    keep.forEach(h -> keptHours.add(h.toString()));
    for (String topic : topics()) {
      Set<PartitionIncarnation> stopped = new HashSet<>();
      Set<PartitionIncarnation> touched = new HashSet<>();
      for (String hour : hours) {
        boolean kept = keptHours.contains(hour);
        HistoryPruned done = database.inTransaction("cannot remove the etl_offsets rows of " + topic + " hour " + hour,
            c -> pruneHour(c, topic, hour, kept, stopped, touched));
        ranges += done.ranges();
        lost += done.lostRanges();
      }
      partitions += touched.size();
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

  /**
   * Removes the rows of {@code hour} (before retention) of {@code topic} that continue a removed
   * prefix, stopping each partition incarnation at its first row that must stay; an hour whose
   * directory is kept stops every partition incarnation it has rows of. Adds the partition
   * incarnations it removed rows of to {@code touched}.
   */
  private static HistoryPruned pruneHour(Connection c, String topic, String hour, boolean kept,
      Set<PartitionIncarnation> stopped, Set<PartitionIncarnation> touched) throws SQLException {
    Removal removal = removableRows(c, topic, hour, kept, stopped);
    if (removal.begins().isEmpty()) {
      return new HistoryPruned(0, 0, 0);
    }
    lockEnds(c, topic, removal.ends().keySet());
    // A lost range lies inside its row: only those inside this hour's removed rows go, so a row that
    // stays keeps its lost offsets even were its hour later than a removed row's (a clock set back).
    String deleteLost = "DELETE FROM etl_lost_ranges WHERE topic = ? AND kafka_partition = ? AND incarnation = ?"
        + " AND begin_offset >= ? AND end_offset <= ?";
    String mark = "UPDATE etl_partition_ends SET pruned_through = GREATEST(COALESCE(pruned_through, 0), ?)"
        + " WHERE topic = ? AND kafka_partition = ? AND incarnation = ?";
    int rows = 0;
    int partitions = 0;
    long lostRows = 0;
    try (PreparedStatement ranges = c.prepareStatement(DELETE_RANGE);
        PreparedStatement lost = c.prepareStatement(deleteLost);
        PreparedStatement marks = c.prepareStatement(mark)) {
      for (Map.Entry<PartitionIncarnation, List<Long>> e : removal.begins().entrySet()) {
        PartitionIncarnation p = e.getKey();
        for (long begin : e.getValue()) {
          ranges.setString(1, hour);
          ranges.setString(2, topic);
          ranges.setInt(3, p.partition());
          ranges.setInt(4, p.incarnation());
          ranges.setLong(5, begin);
          Batches.add(ranges, ++rows);
        }
        long end = removal.ends().get(p);
        lost.setString(1, topic);
        lost.setInt(2, p.partition());
        lost.setInt(3, p.incarnation());
        lost.setLong(4, e.getValue().get(0)); // the hour's first removed begin: rows are read in offset order
        lost.setLong(5, end);
        marks.setLong(1, end);
        marks.setString(2, topic);
        marks.setInt(3, p.partition());
        marks.setInt(4, p.incarnation());
        lost.addBatch();
        marks.addBatch();
        if (++partitions % Batches.ROWS == 0) {
          lostRows += sum(lost.executeBatch());
          marks.executeBatch();
        }
      }
      ranges.executeBatch();
      lostRows += sum(lost.executeBatch());
      marks.executeBatch();
      touched.addAll(removal.begins().keySet());
      return new HistoryPruned(removal.begins().size(), rows, lostRows);
    }
  }

  /**
   * Reads the hour's rows of the topic in key order (by partition, incarnation, offset) and finds,
   * per partition incarnation not stopped, the rows that go: COMPLETE or LOST, before the first that
   * must stay, which stops it. {@code ends} is the largest end of the rows that go, as stored, so a
   * gap after it still shows in the audit.
   */
  private static Removal removableRows(Connection c, String topic, String hour, boolean kept,
      Set<PartitionIncarnation> stopped) throws SQLException {
    Map<PartitionIncarnation, List<Long>> begins = new TreeMap<>();
    Map<PartitionIncarnation, Long> ends = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement(ROWS_OF_HOUR)) {
      ps.setString(1, hour);
      ps.setString(2, topic);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          PartitionIncarnation p = new PartitionIncarnation(rs.getInt(1), rs.getInt(2));
          if (stopped.contains(p)) {
            continue;
          }
          String state = rs.getString(5).strip();
          if (!kept && (state.equals("COMPLETE") || state.equals("LOST"))) {
            begins.computeIfAbsent(p, k -> new ArrayList<>()).add(rs.getLong(3));
            ends.merge(p, rs.getLong(4), Math::max);
          } else {
            stopped.add(p);
          }
        }
      }
    }
    return new Removal(begins, ends);
  }

  /**
   * Locks the end rows of the partitions whose rows go, in the order planning locks them (by
   * partition, in chunks), before anything changes: a run cannot store ranges of them meanwhile.
   * The rows were read before, without locks: pruning runs under the hourly lock, so no run or
   * rerun changes a row of an hour past retention meanwhile, and planning only adds rows of its hour.
   */
  private static void lockEnds(Connection c, String topic, Set<PartitionIncarnation> removed) throws SQLException {
    List<Integer> partitions = removed.stream().map(PartitionIncarnation::partition).distinct().sorted().toList();
    for (int from = 0; from < partitions.size(); from += JdbcIncarnations.CHUNK) {
      List<Integer> chunk = partitions.subList(from, Math.min(partitions.size(), from + JdbcIncarnations.CHUNK));
      try (PreparedStatement ps = c.prepareStatement("SELECT kafka_partition FROM etl_partition_ends WHERE topic = ?"
          + " AND kafka_partition IN (" + JdbcIncarnations.placeholders(chunk.size()) + ")"
          + " ORDER BY kafka_partition, incarnation FOR UPDATE")) {
        ps.setString(1, topic);
        for (int i = 0; i < chunk.size(); i++) {
          ps.setInt(i + 2, chunk.get(i));
        }
        ps.executeQuery().close();
      }
    }
  }

  /**
   * The hours before {@code before} that have rows, oldest first: a loose scan of the primary key's
   * first column, one lookup per hour however many rows each holds.
   */
  private List<String> hoursBefore(HourPartition before) {
    return database.inTransaction("cannot read the hours of etl_offsets before " + before, c -> {
      List<String> hours = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(HOURS_BEFORE)) {
        ps.setString(1, before.toString());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            hours.add(rs.getString(1));
          }
        }
      }
      return hours;
    });
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

  private static long sum(int[] counts) {
    long total = 0;
    for (int n : counts) {
      total += Math.max(0, n);
    }
    return total;
  }
}
