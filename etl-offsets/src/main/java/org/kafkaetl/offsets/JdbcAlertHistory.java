package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.AlertHistory;

/** {@link AlertHistory} on the etl_alerts table. */
public final class JdbcAlertHistory implements AlertHistory {
  private final Database database;

  public JdbcAlertHistory(Database database) {
    this.database = database;
  }

  @Override
  public Optional<Instant> lastSent(String key) {
    String sql = "SELECT MAX(raised_utc) FROM etl_alerts WHERE alert_key = ? AND suppressed = FALSE";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        LocalDateTime last = rs.next() ? rs.getObject(1, LocalDateTime.class) : null;
        return Optional.ofNullable(last).map(t -> t.toInstant(ZoneOffset.UTC));
      }
    } catch (SQLException e) {
      throw database.failure("cannot read the alert history", e);
    }
  }

  @Override
  public void record(Alert alert, Instant at, boolean suppressed, List<String> channels) {
    String sql = "INSERT INTO etl_alerts (alert_key, severity, summary, details, commands, suppressed, channels,"
        + " raised_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, alert.key());
      ps.setString(2, alert.severity().name());
      ps.setString(3, alert.summary().length() > 1000 ? alert.summary().substring(0, 1000) : alert.summary());
      ps.setString(4, alert.details());
      ps.setString(5, String.join("\n", alert.fixCommands()));
      ps.setBoolean(6, suppressed);
      ps.setString(7, String.join(",", channels));
      ps.setObject(8, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw database.failure("cannot store an alert", e);
    }
  }
}
