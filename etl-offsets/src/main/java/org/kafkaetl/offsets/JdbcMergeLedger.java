package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.merge.HourlyFile;
import org.kafkaetl.core.merge.LedgerEntry;
import org.kafkaetl.core.merge.MergeLedger;
import org.kafkaetl.core.merge.MergedHourlyFile;

/**
 * {@link MergeLedger} on the etl_merge_ledger and etl_merge_days tables. A ledger of a merge epoch
 * ({@link #newEpoch}) checks in every write's own transaction, under a shared lock on the topic's
 * etl_merge_epochs row, that the epoch is still the topic's: the next epoch's increment waits for
 * writes in flight, and writes after it fail.
 */
public final class JdbcMergeLedger implements MergeLedger {
  private static final int DEADLOCK_ATTEMPTS = 3;
  private final Database database;
  /** The topic's epoch this ledger writes in; null for a ledger outside any merge epoch. */
  private final Epoch epoch;

  private record Epoch(String topic, long value) {}

  public JdbcMergeLedger(Database database) {
    this(database, null);
  }

  private JdbcMergeLedger(Database database, Epoch epoch) {
    this.database = database;
    this.epoch = epoch;
  }

  @Override
  public MergeLedger newEpoch(String topic) {
    long value = database.inTransaction("cannot begin a merge epoch of " + topic, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO etl_merge_epochs (topic, epoch) VALUES (?, 1) ON DUPLICATE KEY UPDATE epoch = epoch + 1")) {
        ps.setString(1, topic);
        ps.executeUpdate();
      }
      return currentEpoch(c, topic, "");
    });
    return new JdbcMergeLedger(database, new Epoch(topic, value));
  }

  private static long currentEpoch(Connection c, String topic, String lock) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT epoch FROM etl_merge_epochs WHERE topic = ?" + lock)) {
      ps.setString(1, topic);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** In the write's transaction: fails unless this ledger's epoch is still the topic's (shared lock until commit). */
  private void requireEpoch(Connection c, String topic) throws SQLException {
    if (epoch == null) {
      return;
    }
    if (!epoch.topic().equals(topic)) {
      throw new IllegalArgumentException("a merge of " + epoch.topic() + " cannot write the ledger of " + topic);
    }
    long now = currentEpoch(c, topic, " LOCK IN SHARE MODE");
    if (now != epoch.value()) {
      throw new IllegalStateException("this merge of " + topic + " was overtaken: another merge took the topic's"
          + " lock since (merge epoch " + now + ", this merge's " + epoch.value() + "), so nothing was recorded and"
          + " what this merge appended is left for the next merge to cut off. Run the merge again");
    }
  }

  @Override
  public List<LedgerEntry> entries(String topic, LocalDate date) {
    return entries(topic, date, null, "the merge ledger of " + topic + " " + date);
  }

  /** By the primary key's prefix {@code (topic, kafka_partition, event_date)}. */
  @Override
  public List<LedgerEntry> entries(String topic, LocalDate date, int partition) {
    return entries(topic, date, partition, "the merge ledger of " + topic + " " + date
        + " partition " + partition);
  }

  private List<LedgerEntry> entries(String topic, LocalDate date, Integer partition, String what) {
    String sql = "SELECT kafka_partition, incarnation, begin_offset, end_offset, hour, hourly_path, daily_path, part, daily_file_id, byte_begin,"
        + " byte_end, records, merged_at_utc, hourly_modified_ms FROM etl_merge_ledger WHERE topic = ? AND event_date = ?"
        + (partition == null ? "" : " AND kafka_partition = ?")
        + " ORDER BY kafka_partition, incarnation, begin_offset";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, topic);
      ps.setObject(2, date);
      if (partition != null) {
        ps.setInt(3, partition);
      }
      List<LedgerEntry> entries = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          entries.add(entry(topic, date, rs));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw database.failure("cannot read " + what, e);
    }
  }

  @Override
  public Map<String, MergedHourlyFile> mergedHourlyFiles(HourPartition hour) {
    return mergedHourlyFiles("hour " + hour, "WHERE hour = ?", hour.toString());
  }

  /** Through the ledger's {@code (topic, hour)} index: just the topic's files of those hours. */
  @Override
  public Map<String, MergedHourlyFile> mergedHourlyFiles(String topic, HourPartition from, HourPartition to) {
    return mergedHourlyFiles(topic + " hours " + from + " to " + to, "WHERE topic = ? AND hour BETWEEN ? AND ?", topic,
        from.toString(), to.toString());
  }

  private Map<String, MergedHourlyFile> mergedHourlyFiles(String what, String where, String... params) {
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT hourly_path, merged_at_utc, hourly_modified_ms FROM etl_merge_ledger " + where)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      Map<String, MergedHourlyFile> files = new HashMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          files.merge(rs.getString(1), new MergedHourlyFile(
              rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC), modifiedAt(rs, 3)), MergedHourlyFile::and);
        }
      }
      return files;
    } catch (SQLException e) {
      throw database.failure("cannot read the merge ledger of " + what, e);
    }
  }

  /** An epoch-millisecond column as an instant; null for SQL NULL. */
  private static Instant modifiedAt(ResultSet rs, int column) throws SQLException {
    long ms = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
  }

  @Override
  public void record(List<LedgerEntry> appended) {
    if (appended.isEmpty()) {
      return;
    }
    inTransaction("cannot record appended hourly files in the merge ledger", appended.get(0).hourly().event().topic(),
        c -> insert(c, appended));
  }

  @Override
  public void dayMerged(String topic, LocalDate date, Instant at, boolean rebuilt) {
    inTransaction("cannot record the merge of " + topic + " " + date, topic,
        c -> touchDay(c, topic, date, at, rebuilt));
  }

  @Override
  public void replace(String topic, LocalDate date, int partition, List<LedgerEntry> rebuilt) {
    inTransaction("cannot record the rebuild of " + topic + " " + date + " partition " + partition, topic, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM etl_merge_ledger WHERE topic = ? AND event_date = ? AND kafka_partition = ?")) {
        ps.setString(1, topic);
        ps.setObject(2, date);
        ps.setInt(3, partition);
        ps.executeUpdate();
      }
      insert(c, rebuilt);
    });
  }

  private interface Work {
    void run(Connection c) throws SQLException;
  }

  /**
   * One write in its own transaction, after the epoch check. Partitions are merged concurrently, so
   * two rebuilds' delete-then-insert can deadlock on one gap of the primary key: InnoDB rolls one
   * back, and it is simply run again.
   */
  private void inTransaction(String what, String topic, Work work) {
    for (int attempt = 1; ; attempt++) {
      try {
        database.inTransaction(what, c -> {
          requireEpoch(c, topic);
          work.run(c);
          return null;
        });
        return;
      } catch (RuntimeException e) {
        if (attempt >= DEADLOCK_ATTEMPTS || !deadlock(e)) {
          throw e;
        }
      }
    }
  }

  private static boolean deadlock(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && ("40001".equals(s.getSQLState()) || s.getErrorCode() == 1213)) {
        return true;
      }
    }
    return false;
  }

  private static void insert(Connection c, List<LedgerEntry> entries) throws SQLException {
    String sql = "INSERT INTO etl_merge_ledger (topic, kafka_partition, event_date, begin_offset, end_offset, hour,"
        + " hourly_path, daily_path, part, daily_file_id, byte_begin, byte_end, records, merged_at_utc, incarnation,"
        + " hourly_modified_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (LedgerEntry e : entries) {
        HourlyFile h = e.hourly();
        ps.setString(1, h.event().topic());
        ps.setInt(2, h.partition());
        ps.setObject(3, h.date());
        ps.setLong(4, h.event().range().begin());
        ps.setLong(5, h.event().range().end());
        ps.setString(6, h.hour().toString());
        ps.setString(7, h.path());
        ps.setString(8, e.dailyPath());
        ps.setInt(9, e.part());
        ps.setString(10, e.dailyFileId());
        ps.setLong(11, e.byteBegin());
        ps.setLong(12, e.byteEnd());
        ps.setLong(13, e.records());
        ps.setObject(14, utc(e.mergedAt()));
        ps.setInt(15, h.incarnation());
        if (h.modifiedAt() == null) {
          ps.setNull(16, java.sql.Types.BIGINT);
        } else {
          ps.setLong(16, h.modifiedAt().toEpochMilli());
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** First merge of a day inserts it; a later one that adds data counts as a revision, a rebuild does not. */
  private static void touchDay(Connection c, String topic, LocalDate date, Instant at, boolean rebuilt)
      throws SQLException {
    String sql = "INSERT INTO etl_merge_days (topic, event_date, first_merged_utc, last_merged_utc, revisions,"
        + " rebuilt_utc) VALUES (?, ?, ?, ?, 0, ?) ON DUPLICATE KEY UPDATE"
        + " last_merged_utc = IF(VALUES(rebuilt_utc) IS NULL, VALUES(last_merged_utc), last_merged_utc),"
        + " revisions = revisions + IF(VALUES(rebuilt_utc) IS NULL, 1, 0),"
        + " rebuilt_utc = COALESCE(VALUES(rebuilt_utc), rebuilt_utc)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, topic);
      ps.setObject(2, date);
      ps.setObject(3, utc(at));
      ps.setObject(4, utc(at));
      ps.setObject(5, rebuilt ? utc(at) : null);
      ps.executeUpdate();
    }
  }

  private static LedgerEntry entry(String topic, LocalDate date, ResultSet rs) throws SQLException {
    KafkaEvent event = new KafkaEvent(TopicPartition.of(topic, rs.getInt("kafka_partition")),
        new OffsetRange(rs.getLong("begin_offset"), rs.getLong("end_offset")));
    HourlyFile hourly = new HourlyFile(event, HourPartition.parse(rs.getString("hour")), date, rs.getString("hourly_path"),
        rs.getInt("incarnation"), modifiedAt(rs, rs.findColumn("hourly_modified_ms")));
    return new LedgerEntry(hourly, rs.getString("daily_path"), rs.getInt("part"), rs.getString("daily_file_id"),
        rs.getLong("byte_begin"),
        rs.getLong("byte_end"), rs.getLong("records"),
        rs.getObject("merged_at_utc", LocalDateTime.class).toInstant(ZoneOffset.UTC));
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
