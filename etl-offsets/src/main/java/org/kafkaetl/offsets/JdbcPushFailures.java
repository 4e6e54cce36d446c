package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.kafkaetl.core.metrics.PushFailures;

/** {@link PushFailures} on the etl_metrics_push_failures table: one row per job and command. */
public final class JdbcPushFailures implements PushFailures {
  private final Database database;

  public JdbcPushFailures(Database database) {
    this.database = database;
  }

  @Override
  public void add(String job, String command, Instant at) {
    String sql = "INSERT INTO etl_metrics_push_failures (job, command, failures, last_failure) VALUES (?, ?, 1, ?)"
        + " ON DUPLICATE KEY UPDATE failures = failures + 1, last_failure = VALUES(last_failure)";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, job);
      ps.setString(2, command);
      ps.setTimestamp(3, Timestamp.from(at));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw database.failure("cannot count the failed push of " + command + "'s metrics", e);
    }
  }

  @Override
  public long total(String job, String command) {
    String sql = "SELECT failures FROM etl_metrics_push_failures WHERE job = ? AND command = ?";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, job);
      ps.setString(2, command);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw database.failure("cannot read the failed pushes of " + command + "'s metrics", e);
    }
  }
}
