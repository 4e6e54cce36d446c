package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.status.FleetLag;
import org.kafkaetl.core.status.FleetLagHistory;
import org.kafkaetl.core.status.LagHistory;

/** {@link LagHistory} on the etl_topic_lag table: one row per topic and hour. */
public final class JdbcLagHistory implements LagHistory {
  private final Database database;

  public JdbcLagHistory(Database database) {
    this.database = database;
  }

  @Override
  public void record(HourPartition hour, Instant measuredAt, FleetLag lag) {
    if (lag.topics().isEmpty()) {
      return;
    }
    String sql = "INSERT INTO etl_topic_lag (topic, hour, messages, oldest_seconds, measured_at_utc) VALUES (?, ?, ?, ?, ?)"
        + " ON DUPLICATE KEY UPDATE messages = VALUES(messages), oldest_seconds = VALUES(oldest_seconds),"
        + " measured_at_utc = VALUES(measured_at_utc)";
    database.inTransaction("cannot keep the lag of hour " + hour, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (FleetLag.TopicLag l : lag.topics().values()) {
          ps.setString(1, l.topic());
          ps.setString(2, hour.toString());
          ps.setLong(3, l.messagesBehind());
          ps.setObject(4, l.oldestSeconds().isPresent() ? l.oldestSeconds().getAsLong() : null);
          ps.setObject(5, Batches.utc(measuredAt));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  /** By the primary key: one stretch per topic. */
  @Override
  public FleetLagHistory read(Collection<String> topics, HourPartition from, HourPartition to) {
    Map<String, Map<HourPartition, Long>> messages = new HashMap<>();
    String sql = "SELECT hour, messages FROM etl_topic_lag WHERE topic = ? AND hour BETWEEN ? AND ?";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (String topic : topics) {
        ps.setString(1, topic);
        ps.setString(2, from.toString());
        ps.setString(3, to.toString());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            messages.computeIfAbsent(topic, t -> new HashMap<>()).put(HourPartition.parse(rs.getString(1)),
                rs.getLong(2));
          }
        }
      }
      return new FleetLagHistory(messages);
    } catch (SQLException e) {
      throw database.failure("cannot read the lag of " + topics.size() + " topics", e);
    }
  }
}
