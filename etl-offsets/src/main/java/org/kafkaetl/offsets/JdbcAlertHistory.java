package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.AlertHistory;

/** {@link AlertHistory} on the etl_alerts table. */
public final class JdbcAlertHistory implements AlertHistory {
  private final Database database;

  public JdbcAlertHistory(Database database) {
    this.database = database;
  }

  /** Raises of a key after its last resolution: one incident. */
  private static final String SINCE_RESOLVED = " AND a.raised_utc > COALESCE((SELECT MAX(r.raised_utc) FROM etl_alerts r"
      + " WHERE r.alert_key = a.alert_key AND r.resolution = TRUE), '1970-01-01')";

  @Override
  public Optional<Instant> lastSent(String key) {
    String sql = "SELECT MAX(a.raised_utc) FROM etl_alerts a WHERE a.alert_key = ? AND a.suppressed = FALSE"
        + " AND a.undelivered = FALSE AND a.resolution = FALSE" + SINCE_RESOLVED;
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

  /** Undelivered raises count: the log carried them, and is told the incident is over. */
  @Override
  public List<OpenIncident> openIncidents(String keyPrefix) {
    String sql = "SELECT a.alert_key, a.channels FROM etl_alerts a WHERE a.alert_key LIKE ? ESCAPE '!'"
        + " AND a.suppressed = FALSE AND a.resolution = FALSE AND a.channels <> ''" + SINCE_RESOLVED
        + " ORDER BY a.alert_id";
    Map<String, Set<String>> open = new LinkedHashMap<>();
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, keyPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          open.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>())
              .addAll(List.of(rs.getString(2).split(",")));
        }
      }
    } catch (SQLException e) {
      throw database.failure("cannot read the alert history", e);
    }
    List<OpenIncident> incidents = new ArrayList<>();
    open.forEach((key, channels) -> incidents.add(new OpenIncident(key, channels)));
    return incidents;
  }

  @Override
  public void recordResolution(String key, String summary, Instant at, List<String> channels) {
    insert(key, "INFO", summary, "", "", Outcome.SENT, true, channels, List.of(), at);
  }

  @Override
  public void record(Alert alert, Instant at, Outcome outcome, List<String> delivered, List<String> failed) {
    insert(alert.key(), alert.severity().name(), alert.summary(), alert.details(), String.join("\n", alert.fixCommands()),
        outcome, false, delivered, failed, at);
  }

  private void insert(String key, String severity, String summary, String details, String commands,
      Outcome outcome, boolean resolution, List<String> channels, List<String> failed, Instant at) {
    String sql = "INSERT INTO etl_alerts (alert_key, severity, summary, details, commands, suppressed, resolution,"
        + " undelivered, channels, failed_channels, raised_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      ps.setString(2, severity);
      ps.setString(3, summary.length() > 1000 ? summary.substring(0, 1000) : summary);
      ps.setString(4, details);
      ps.setString(5, commands);
      ps.setBoolean(6, outcome == Outcome.SUPPRESSED);
      ps.setBoolean(7, resolution);
      ps.setBoolean(8, outcome == Outcome.UNDELIVERED);
      ps.setString(9, String.join(",", channels));
      ps.setString(10, String.join(",", failed));
      ps.setObject(11, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw database.failure("cannot store an alert", e);
    }
  }
}
