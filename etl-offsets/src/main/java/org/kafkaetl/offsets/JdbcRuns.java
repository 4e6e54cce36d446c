package org.kafkaetl.offsets;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.offsets.RunFencedException;
import org.kafkaetl.core.offsets.UnfinishedRun;

/**
 * The etl_runs half of {@link JdbcOffsetStore}: a row per run or rerun, the job it submitted, how
 * it ended, and the fence a run passes before it submits its job. Statements that belong to a
 * range transaction take its connection.
 */
final class JdbcRuns {
  private final Database database;

  JdbcRuns(Database database) {
    this.database = database;
  }

  long insert(Connection c, HourPartition hour, String kind, Instant startedAt) throws SQLException {
    String sql = "INSERT INTO etl_runs (hour, kind, state, host, started_at_utc) VALUES (?, ?, 'RUNNING', ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, hour.toString());
      ps.setString(2, kind);
      ps.setString(3, hostName());
      ps.setObject(4, utc(startedAt));
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /**
   * Moves the run's PLANNED ranges to RUNNING if the run still owns them all: its etl_runs row is
   * not ended and each range it planned (but LOST ones) is still PLANNED with no other reader. Both
   * the run row and the ranges are locked first, so a concurrent settlement waits or wins.
   */
  void markRunning(long runId, Instant at) {
    database.inTransaction("cannot mark run " + runId + " as running", c -> {
      requireOpen(c, runId, "submits no job");
      long planned = count(c, "SELECT COUNT(*) FROM etl_offsets " + JdbcRangeOutcomes.BY_RUN
          + " WHERE run_id = ? AND state <> 'LOST' FOR UPDATE", runId);
      // reader_run_id stays NULL (read by the run that planned it): setting it moved every row of the
      // run in one more index, 13-19 s against 8.6 s for 135 000 rows (docs/performance.md (4)).
      String update = "UPDATE etl_offsets " + JdbcRangeOutcomes.BY_RUN
          + " SET state = 'RUNNING', updated_at_utc = ?"
          + " WHERE run_id = ? AND state = 'PLANNED' AND reader_run_id IS NULL";
      int updated;
      try (PreparedStatement ps = c.prepareStatement(update)) {
        ps.setObject(1, utc(at));
        ps.setLong(2, runId);
        updated = ps.executeUpdate();
      }
      if (updated != planned || planned == 0) {
        throw new RunFencedException("run " + runId + " submits no job: " + (planned - updated) + " of " + planned
            + " ranges it planned were settled or taken over by another run meanwhile (this run had lost its"
            + " lock and was taken for dead); etl_offsets is as that run left it");
      }
      return null;
    });
  }

  /** Throws unless the run's etl_runs row exists and no other run ended it; locks the row until the transaction ends. */
  void requireOpen(Connection c, long runId, String consequence) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT state FROM etl_runs WHERE run_id = ? AND finished_at_utc"
        + " IS NULL FOR UPDATE")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new RunFencedException("run " + runId + " " + consequence + ": another run already ended it in"
              + " etl_runs (it had lost its lock and was taken for dead) and settles its ranges from committed output");
        }
      }
    }
  }

  void recordJob(long runId, String jobId) {
    database.inTransaction("cannot record job " + jobId + " of run " + runId, c -> {
      // A run taken for dead between its last lock check and its submit must not keep a job: the
      // exception makes its driver kill the job (JobGuard) before it can commit into settled ranges.
      requireOpen(c, runId, "keeps no job (" + jobId + " is killed)");
      try (PreparedStatement ps = c.prepareStatement("UPDATE etl_runs SET job_id = ? WHERE run_id = ?")) {
        ps.setString(1, jobId);
        ps.setLong(2, runId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  List<UnfinishedRun> unfinished() {
    String sql = "SELECT run_id, hour, kind, job_id FROM etl_runs WHERE finished_at_utc IS NULL ORDER BY run_id";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      List<UnfinishedRun> runs = new ArrayList<>();
      while (rs.next()) {
        runs.add(new UnfinishedRun(rs.getLong(1), HourPartition.parse(rs.getString(2)), rs.getString(3),
            Optional.ofNullable(rs.getString(4))));
      }
      return runs;
    } catch (SQLException e) {
      throw database.failure("cannot read unfinished runs", e);
    }
  }

  void markDied(long runId, Instant at) {
    database.inTransaction("cannot end dead run " + runId, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE etl_runs SET state = 'DIED', finished_at_utc = ? WHERE run_id = ? AND finished_at_utc IS NULL")) {
        ps.setObject(1, utc(at));
        ps.setLong(2, runId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  void markOutcomeAlerted(long runId, Instant at) {
    database.inTransaction("cannot note that run " + runId + " alerted its outcome", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE etl_runs SET outcome_alerted_at_utc = ? WHERE run_id = ?"
          + " AND outcome_alerted_at_utc IS NULL")) {
        ps.setObject(1, utc(at));
        ps.setLong(2, runId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** A scan of etl_runs: one row per run and rerun, a few thousand a year. */
  List<org.kafkaetl.core.offsets.EndedRun> endedNotAlerted() {
    String sql = "SELECT run_id, hour, kind FROM etl_runs WHERE finished_at_utc IS NOT NULL"
        + " AND outcome_alerted_at_utc IS NULL ORDER BY run_id";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      List<org.kafkaetl.core.offsets.EndedRun> runs = new ArrayList<>();
      while (rs.next()) {
        runs.add(new org.kafkaetl.core.offsets.EndedRun(rs.getLong(1), HourPartition.parse(rs.getString(2)),
            rs.getString(3)));
      }
      return runs;
    } catch (SQLException e) {
      throw database.failure("cannot read runs whose outcome was not alerted", e);
    }
  }

  static void updateState(Connection c, long runId, Instant at, String state) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE etl_runs SET state = ?, finished_at_utc = ? WHERE run_id = ?")) {
      ps.setString(1, state);
      ps.setObject(2, utc(at));
      ps.setLong(3, runId);
      ps.executeUpdate();
    }
  }

  private static long count(Connection c, String sql, long runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
