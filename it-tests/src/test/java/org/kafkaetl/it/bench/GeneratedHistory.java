package org.kafkaetl.it.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.offsets.Database;

/**
 * Days of generated bookkeeping for the planning benchmark, written by the database itself: per
 * hour, one finished run and one COMPLETE etl_offsets row of one offset per partition (offsets 0 to
 * the number of hours), as the hourly runs would have left them; and etl_partition_ends where the
 * last of them ends. One INSERT ... SELECT per hour from a table of partition numbers, so 100 000
 * partitions cost one statement per hour, not one round trip per row.
 */
final class GeneratedHistory {
  private final Database db;
  private final String prefix;
  private final int perTopic;
  private final int partitions;

  GeneratedHistory(Database db, String prefix, int perTopic, int partitions) {
    this.db = db;
    this.prefix = prefix;
    this.perTopic = perTopic;
    this.partitions = partitions;
  }

  /** Writes {@code hours} hours from {@code first}; returns the etl_offsets rows written. */
  long write(HourPartition first, int hours) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      // bulk load: the generated rows tile by construction
      s.execute("SET unique_checks = 0, foreign_key_checks = 0");
      s.execute("CREATE TABLE IF NOT EXISTS bench_partitions (n INT NOT NULL PRIMARY KEY) ENGINE=InnoDB");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_partitions (n) VALUES (?)")) {
        for (int n = 0; n < partitions; n++) {
          ps.setInt(1, n);
          ps.addBatch();
          if (n % 10_000 == 9_999) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      String rows = "INSERT INTO etl_offsets (topic, kafka_partition, incarnation, begin_offset, end_offset, run_id, hour,"
          + " state, reached_offset, records, attempts, updated_at_utc) SELECT CONCAT(?, n DIV ?), n MOD ?, 0, ?, ?, ?, ?,"
          + " 'COMPLETE', ?, 1, 1, UTC_TIMESTAMP(3) FROM bench_partitions";
      String run = "INSERT INTO etl_runs (hour, kind, state, host, started_at_utc, finished_at_utc)"
          + " VALUES (?, 'RUN', 'COMPLETE', 'generated', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))";
      try (PreparedStatement runs = c.prepareStatement(run, Statement.RETURN_GENERATED_KEYS);
          PreparedStatement ps = c.prepareStatement(rows)) {
        for (int h = 0; h < hours; h++) {
          String hour = new HourPartition(first.start().plusHours(h)).toString();
          runs.setString(1, hour);
          runs.executeUpdate();
          long runId;
          try (ResultSet keys = runs.getGeneratedKeys()) {
            keys.next();
            runId = keys.getLong(1);
          }
          ps.setString(1, prefix);
          ps.setInt(2, perTopic);
          ps.setInt(3, perTopic);
          ps.setLong(4, h);
          ps.setLong(5, h + 1);
          ps.setLong(6, runId);
          ps.setString(7, hour);
          ps.setLong(8, h + 1);
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO etl_partition_ends (topic, kafka_partition,"
          + " incarnation, end_offset) SELECT CONCAT(?, n DIV ?), n MOD ?, 0, ? FROM bench_partitions")) {
        ps.setString(1, prefix);
        ps.setInt(2, perTopic);
        ps.setInt(3, perTopic);
        ps.setLong(4, hours);
        ps.executeUpdate();
      }
      s.execute("ANALYZE TABLE etl_offsets, etl_partition_ends");
    }
    return (long) partitions * hours;
  }
}
