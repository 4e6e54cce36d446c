package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.kafkaetl.core.sizing.RateSample;
import org.kafkaetl.core.sizing.RunSizing;
import org.kafkaetl.core.sizing.ThroughputHistory;

/** {@link ThroughputHistory} on the etl_run_sizing and etl_topic_throughput tables. */
public final class JdbcThroughputHistory implements ThroughputHistory {
  /** Topics per query: keeps the IN list and its parameters small however many topics are configured. */
  private static final int TOPICS_PER_QUERY = 500;

  private final Database database;

  public JdbcThroughputHistory(Database database) {
    this.database = database;
  }

  @Override
  public Map<String, List<RateSample>> recent(Collection<String> topics, int runs) {
    Map<String, List<RateSample>> recent = new TreeMap<>();
    List<String> all = List.copyOf(topics);
    try (Connection c = database.connect()) {
      for (int from = 0; from < all.size(); from += TOPICS_PER_QUERY) {
        List<String> chunk = all.subList(from, Math.min(all.size(), from + TOPICS_PER_QUERY));
        String sql = "SELECT topic, run_id, messages, bytes, read_millis FROM (SELECT t.*, ROW_NUMBER() OVER"
            + " (PARTITION BY topic ORDER BY run_id DESC) AS n FROM etl_topic_throughput t WHERE topic IN ("
            + String.join(",", Collections.nCopies(chunk.size(), "?")) + ") AND faulted = FALSE AND read_millis > 0)"
            + " r WHERE n <= ? ORDER BY topic, run_id DESC";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          int i = 1;
          for (String topic : chunk) {
            ps.setString(i++, topic);
          }
          ps.setInt(i, runs);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              recent.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(
                  new RateSample(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), false));
            }
          }
        }
      }
      return recent;
    } catch (SQLException e) {
      throw database.failure("cannot read the measured throughput of recent runs", e);
    }
  }

  @Override
  public void recordSizing(long runId, RunSizing sizing) {
    String run = "INSERT INTO etl_run_sizing (run_id, target_millis, expected_millis, mappers, bound)"
        + " VALUES (?, ?, ?, ?, ?)";
    String topic = "INSERT INTO etl_topic_throughput (run_id, topic, rate_used, rate_source, split_threshold, events,"
        + " planned_messages, mappers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = database.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(run)) {
        ps.setLong(1, runId);
        ps.setLong(2, sizing.target().toMillis());
        ps.setLong(3, sizing.expected().toMillis());
        ps.setInt(4, sizing.mappers());
        ps.setString(5, sizing.bound().map(b -> b.length() > 2000 ? b.substring(0, 2000) : b).orElse(null));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(topic)) {
        for (RunSizing.TopicSizing t : sizing.topics()) {
          ps.setLong(1, runId);
          ps.setString(2, t.topic());
          ps.setDouble(3, t.rate().messagesPerSecond());
          ps.setString(4, t.rate().source().name());
          if (t.threshold().isPresent()) {
            ps.setLong(5, t.threshold().getAsLong());
          } else {
            ps.setNull(5, Types.BIGINT);
          }
          ps.setInt(6, t.events());
          ps.setLong(7, t.messages());
          ps.setInt(8, t.mappers());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    } catch (SQLException e) {
      throw database.failure("cannot record how run " + runId + " was sized", e);
    }
  }

  @Override
  public List<Duration> recentOverheads(int runs) {
    String sql = "SELECT overhead_millis FROM etl_run_sizing WHERE overhead_millis IS NOT NULL ORDER BY run_id DESC"
        + " LIMIT ?";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, runs);
      List<Duration> overheads = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          overheads.add(Duration.ofMillis(rs.getLong(1)));
        }
      }
      return overheads;
    } catch (SQLException e) {
      throw database.failure("cannot read the job overheads of recent runs", e);
    }
  }

  @Override
  public void recordMeasured(long runId, Map<String, RateSample> measured, Optional<Duration> overhead) {
    String sql = "UPDATE etl_topic_throughput SET messages = ?, bytes = ?, read_millis = ?, faulted = ?"
        + " WHERE run_id = ? AND topic = ?";
    try (Connection c = database.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (Map.Entry<String, RateSample> e : measured.entrySet()) {
          ps.setLong(1, e.getValue().messages());
          ps.setLong(2, e.getValue().bytes());
          ps.setLong(3, e.getValue().readMillis());
          ps.setBoolean(4, e.getValue().faulted());
          ps.setLong(5, runId);
          ps.setString(6, e.getKey());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      if (overhead.isPresent()) {
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE etl_run_sizing SET overhead_millis = ? WHERE run_id = ?")) {
          ps.setLong(1, overhead.get().toMillis());
          ps.setLong(2, runId);
          ps.executeUpdate();
        }
      }
      c.commit();
    } catch (SQLException e) {
      throw database.failure("cannot record the throughput run " + runId + " measured", e);
    }
  }

  @Override
  public Optional<RunTiming> lastSizedRun() {
    String sql = "SELECT s.run_id, r.hour, s.target_millis, s.expected_millis, s.mappers, r.started_at_utc,"
        + " r.finished_at_utc FROM etl_run_sizing s JOIN etl_runs r ON r.run_id = s.run_id"
        + " WHERE r.finished_at_utc IS NOT NULL ORDER BY s.run_id DESC LIMIT 1";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      Duration actual = Duration.between(rs.getObject(6, LocalDateTime.class), rs.getObject(7, LocalDateTime.class));
      return Optional.of(new RunTiming(rs.getLong(1), rs.getString(2), Duration.ofMillis(rs.getLong(3)),
          Duration.ofMillis(rs.getLong(4)), actual, rs.getInt(5)));
    } catch (SQLException e) {
      throw database.failure("cannot read the last sized run", e);
    }
  }
}
