package org.kafkaetl.hive;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kafkaetl.offsets.Database;

/** {@link PartitionRegistry} on the etl_catalog_partitions table. */
public final class JdbcPartitionRegistry implements PartitionRegistry {
  private static final int MAX_REASON = 2000;

  private final Database database;

  public JdbcPartitionRegistry(Database database) {
    this.database = database;
  }

  @Override
  public Optional<Registered> registered(String topic, LocalDate day) {
    String sql = "SELECT registered_complete, registered_revision, registered_records FROM etl_catalog_partitions"
        + " WHERE topic = ? AND day = ? AND registered_complete IS NOT NULL";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, topic);
      ps.setDate(2, Date.valueOf(day));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Registered(rs.getBoolean(1), rs.getInt(2), rs.getLong(3))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw database.failure("cannot read the catalog registration of " + topic + " " + day, e);
    }
  }

  @Override
  public void markRegistered(String topic, LocalDate day, String table, Registered state, Instant at) {
    String sql = "INSERT INTO etl_catalog_partitions (topic, day, table_name, registered_complete, registered_revision,"
        + " registered_records, registered_at, pending_since, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)"
        + " ON DUPLICATE KEY UPDATE table_name = VALUES(table_name), registered_complete = VALUES(registered_complete),"
        + " registered_revision = VALUES(registered_revision), registered_records = VALUES(registered_records),"
        + " registered_at = VALUES(registered_at), pending_since = NULL, last_error = NULL";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, topic);
      ps.setDate(2, Date.valueOf(day));
      ps.setString(3, table);
      ps.setBoolean(4, state.complete());
      ps.setInt(5, state.revision());
      ps.setLong(6, state.records());
      ps.setTimestamp(7, Timestamp.from(at));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw database.failure("cannot record the catalog registration of " + topic + " " + day, e);
    }
  }

  @Override
  public void markPending(String topic, LocalDate day, String table, String reason, Instant at) {
    String sql = "INSERT INTO etl_catalog_partitions (topic, day, table_name, pending_since, last_error)"
        + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE table_name = VALUES(table_name),"
        + " pending_since = COALESCE(pending_since, VALUES(pending_since)), last_error = VALUES(last_error)";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, topic);
      ps.setDate(2, Date.valueOf(day));
      ps.setString(3, table);
      ps.setTimestamp(4, Timestamp.from(at));
      ps.setString(5, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw database.failure("cannot record that " + topic + " " + day + " waits to be registered", e);
    }
  }

  @Override
  public List<Pending> pending() {
    String sql = "SELECT topic, day, table_name, pending_since, last_error FROM etl_catalog_partitions"
        + " WHERE pending_since IS NOT NULL ORDER BY pending_since, topic, day";
    List<Pending> out = new ArrayList<>();
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Pending(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getString(3),
            rs.getTimestamp(4).toInstant(), rs.getString(5)));
      }
      return out;
    } catch (SQLException e) {
      throw database.failure("cannot read the days waiting to be registered in the catalog", e);
    }
  }
}
