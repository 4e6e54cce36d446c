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
import org.kafkaetl.core.alert.Severity;

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

  /**
   * One statement for every key: the undelivered raises of the look-back (etl_alerts_undelivered), each
   * kept only when no later raise of its key is stored but a suppressed one (etl_alerts_key). Since a
   * raise is first raised no later than it is raised, {@code raised_utc >= since} only narrows the
   * index range, the first raise decides.
   */
  private static final String STILL_UNDELIVERED = "SELECT a.alert_key, a.severity, a.summary, a.details, a.commands,"
      + " COALESCE(a.first_raised_utc, a.raised_utc) FROM etl_alerts a"
      + " WHERE a.undelivered = TRUE AND a.raised_utc >= ? AND COALESCE(a.first_raised_utc, a.raised_utc) >= ?"
      + " AND NOT EXISTS (SELECT 1 FROM etl_alerts later WHERE later.alert_key = a.alert_key"
      + " AND later.suppressed = FALSE AND later.alert_id > a.alert_id)"
      + " ORDER BY a.raised_utc, a.alert_id";

  @Override
  public List<UndeliveredPage> undeliveredSince(Instant since) {
    List<UndeliveredPage> pages = new ArrayList<>();
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(STILL_UNDELIVERED)) {
      LocalDateTime from = LocalDateTime.ofInstant(since, ZoneOffset.UTC);
      ps.setObject(1, from);
      ps.setObject(2, from);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String commands = rs.getString(5);
          Alert alert = new Alert(Severity.valueOf(rs.getString(2)), rs.getString(1), rs.getString(3), rs.getString(4),
              commands.isEmpty() ? List.of() : List.of(commands.split("\n")));
          pages.add(new UndeliveredPage(alert, rs.getObject(6, LocalDateTime.class).toInstant(ZoneOffset.UTC)));
        }
      }
    } catch (SQLException e) {
      throw database.failure("cannot read the alert history", e);
    }
    return pages;
  }

  /** The statement {@link #undeliveredSince} runs, for checking its plan against a real server. */
  public static String undeliveredSinceStatement() {
    return STILL_UNDELIVERED;
  }

  @Override
  public void recordResolution(String key, String summary, Instant at, List<String> channels) {
    insert(key, "INFO", summary, "", "", Outcome.SENT, true, channels, List.of(), at, at);
  }

  @Override
  public void record(Alert alert, Instant at, Instant firstRaised, Outcome outcome, List<String> delivered,
      List<String> failed) {
    insert(alert.key(), alert.severity().name(), alert.summary(), alert.details(), String.join("\n", alert.fixCommands()),
        outcome, false, delivered, failed, at, firstRaised);
  }

  private void insert(String key, String severity, String summary, String details, String commands,
      Outcome outcome, boolean resolution, List<String> channels, List<String> failed, Instant at, Instant firstRaised) {
    String sql = "INSERT INTO etl_alerts (alert_key, severity, summary, details, commands, suppressed, resolution,"
        + " undelivered, channels, failed_channels, raised_utc, first_raised_utc)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
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
      ps.setObject(12, LocalDateTime.ofInstant(firstRaised, ZoneOffset.UTC));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw database.failure("cannot store an alert", e);
    }
  }
}
