package org.kafkaetl.it.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.offsets.Database;

/**
 * Days of generated bookkeeping for the planning benchmark, written by the database itself: per
 * hour, one finished run and one COMPLETE etl_offsets row of one offset per partition (offsets 0 to
 * the number of hours), as the hourly runs would have left them; and etl_partition_ends where the
 * last of them ends. The rows go in hour order (the primary key's) with the secondary indexes dropped, which are
 * then built again as the migrations define them (a sorted build): inserted one hour at a time into
 * every index, 720 000 rows took 75 s on the fixture's 64 MB buffer pool.
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
      // building an index over tens of millions of rows outlasts the connection's read timeout
      c.setNetworkTimeout(Runnable::run, 0);
      s.execute("SET unique_checks = 0, foreign_key_checks = 0");
      s.execute("CREATE TABLE bench_partitions (n INT NOT NULL PRIMARY KEY) ENGINE=InnoDB");
      s.execute("CREATE TABLE bench_hours (h INT NOT NULL PRIMARY KEY, hour CHAR(10) NOT NULL, run_id BIGINT NOT NULL)"
          + " ENGINE=InnoDB");
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
      try (PreparedStatement runs = c.prepareStatement("INSERT INTO etl_runs (run_id, hour, kind, state, host,"
          + " started_at_utc, finished_at_utc) VALUES (?, ?, 'RUN', 'COMPLETE', 'generated', UTC_TIMESTAMP(3),"
          + " UTC_TIMESTAMP(3))"); PreparedStatement hs = c.prepareStatement("INSERT INTO bench_hours VALUES (?, ?, ?)")) {
        for (int h = 0; h < hours; h++) {
          String hour = new HourPartition(first.start().plusHours(h)).toString();
          runs.setLong(1, h + 1);
          runs.setString(2, hour);
          runs.addBatch();
          hs.setInt(1, h);
          hs.setString(2, hour);
          hs.setLong(3, h + 1);
          hs.addBatch();
        }
        runs.executeBatch();
        hs.executeBatch();
      }
      s.execute("ALTER TABLE etl_offsets DROP INDEX etl_offsets_state, DROP INDEX etl_offsets_reader");
      String rows = "INSERT INTO etl_offsets (topic, kafka_partition, incarnation, begin_offset, end_offset, run_id, hour,"
          + " state, reached_offset, records, attempts, updated_at_utc) SELECT STRAIGHT_JOIN CONCAT(?, p.n DIV ?),"
          + " p.n MOD ?, 0, h.h, h.h + 1, h.run_id, h.hour, 'COMPLETE', h.h + 1, 1, 1, UTC_TIMESTAMP(3)"
          // one hour per statement: each appends at the end of the hour-major primary key (V27)
          + " FROM bench_hours h JOIN bench_partitions p WHERE h.h = ? ORDER BY p.n";
      try (PreparedStatement ps = c.prepareStatement(rows)) {
        for (int h = 0; h < hours; h++) {
          ps.setString(1, prefix);
          ps.setInt(2, perTopic);
          ps.setInt(3, perTopic);
          ps.setInt(4, h);
          ps.executeUpdate();
        }
      }
      // as V13 defines them
      s.execute("ALTER TABLE etl_offsets ADD KEY etl_offsets_state (state, hour), ADD KEY etl_offsets_reader (reader_run_id)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO etl_partition_ends (topic, kafka_partition,"
          + " incarnation, end_offset) SELECT CONCAT(?, n DIV ?), n MOD ?, 0, ? FROM bench_partitions")) {
        ps.setString(1, prefix);
        ps.setInt(2, perTopic);
        ps.setInt(3, perTopic);
        ps.setLong(4, hours);
        ps.executeUpdate();
      }
      // as finishRun keeps them: the records of each topic's hour (one record per row generated)
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO etl_hour_records (topic, hour, records)"
          + " SELECT CONCAT(?, p.n DIV ?), h.hour, COUNT(*) FROM bench_partitions p JOIN bench_hours h"
          + " GROUP BY p.n DIV ?, h.hour")) {
        ps.setString(1, prefix);
        ps.setInt(2, perTopic);
        ps.setInt(3, perTopic);
        ps.executeUpdate();
      }
      s.execute("DROP TABLE bench_partitions, bench_hours");
      s.execute("ANALYZE TABLE etl_runs, etl_offsets, etl_partition_ends");
    }
    return (long) partitions * hours;
  }
}
