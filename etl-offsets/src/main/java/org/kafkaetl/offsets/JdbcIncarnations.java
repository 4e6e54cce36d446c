package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.StoredPosition;

/**
 * Which incarnation of its topic each partition's rows belong to (etl_offsets,
 * etl_partition_ends and etl_partition_starts, column {@code incarnation}): the current one is the
 * highest, and a run whose Kafka topic id differs from the current one's stores its rows as the
 * next. Where an incarnation continues is read from etl_partition_ends, one row per incarnation,
 * so planning costs the same however many etl_offsets rows are kept.
 */
final class JdbcIncarnations {
  /** Partitions per locking read of {@link #current(Connection, Collection, boolean)}. */
  static final int CHUNK = 1000;

  /**
   * A partition's current incarnation: its number, Kafka's id of it, where it continues, and
   * whether etl_partition_ends has its row (false when only its start is recorded).
   */
  record Current(int number, String topicId, long end, boolean hasEndRow) {
    StoredPosition position() {
      return new StoredPosition(end, topicId);
    }

    /** The incarnation that rows stored for Kafka's {@code topicId} belong to. */
    int numberFor(String kafkaTopicId) {
      return position().recreatedAs(kafkaTopicId) ? number + 1 : number;
    }

    /** Where the incarnation for Kafka's {@code topicId} continues; null for a new one. */
    Long endFor(String kafkaTopicId) {
      return position().recreatedAs(kafkaTopicId) ? null : end;
    }
  }

  private JdbcIncarnations() {}

  /**
   * Per topic, its etl_partition_ends rows in key order; recorded starts are read apart, and per
   * partition the highest incarnation wins, then the larger end.
   */
  static Map<TopicPartition, Current> current(Connection c, Collection<String> topics) throws SQLException {
    Map<TopicPartition, Current> current = new HashMap<>();
    String offsets = "SELECT kafka_partition, incarnation, topic_id, end_offset FROM etl_partition_ends WHERE topic = ?";
    try (PreparedStatement ps = c.prepareStatement(offsets)) {
      for (String topic : topics) {
        ps.setString(1, topic);
        read(ps, topic, current);
      }
    }
    readStarts(c, topics, current);
    return current;
  }

  /**
   * The current incarnation of each partition; with {@code lock}, its etl_partition_ends rows are
   * locked until the transaction ends (the rows that say where the next range must begin). One
   * statement per topic and {@link #CHUNK} partitions, in topic and partition order (the same order
   * in every run): one statement per partition made 100 000 partitions take minutes.
   */
  static Map<TopicPartition, Current> current(Connection c, Collection<TopicPartition> partitions, boolean lock)
      throws SQLException {
    Map<String, List<Integer>> byTopic = new TreeMap<>();
    for (TopicPartition tp : partitions) {
      byTopic.computeIfAbsent(tp.topic(), k -> new ArrayList<>()).add(tp.partition());
    }
    Map<TopicPartition, Current> current = new HashMap<>();
    for (Map.Entry<String, List<Integer>> topic : byTopic.entrySet()) {
      List<Integer> all = topic.getValue();
      all.sort(null);
      for (int from = 0; from < all.size(); from += CHUNK) {
        List<Integer> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
        String sql = "SELECT kafka_partition, incarnation, topic_id, end_offset FROM etl_partition_ends WHERE topic = ?"
            + " AND kafka_partition IN (" + placeholders(chunk.size()) + ")" + (lock ? " FOR UPDATE" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setString(1, topic.getKey());
          for (int i = 0; i < chunk.size(); i++) {
            ps.setInt(i + 2, chunk.get(i));
          }
          read(ps, topic.getKey(), current);
        }
      }
    }
    readStarts(c, byTopic.keySet(), current);
    current.keySet().retainAll(partitions);
    return current;
  }

  private static void read(PreparedStatement ps, String topic, Map<TopicPartition, Current> current)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        merge(current, TopicPartition.of(topic, rs.getInt(1)), new Current(rs.getInt(2), rs.getString(3), rs.getLong(4), true));
      }
    }
  }

  private static void readStarts(Connection c, Collection<String> topics, Map<TopicPartition, Current> current)
      throws SQLException {
    if (topics.isEmpty()) {
      return;
    }
    String sql = "SELECT topic, kafka_partition, incarnation, topic_id, start_offset FROM etl_partition_starts"
        + " WHERE topic IN (" + placeholders(topics.size()) + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (String topic : topics) {
        ps.setString(i++, topic);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          merge(current, TopicPartition.of(rs.getString(1), rs.getInt(2)),
              new Current(rs.getInt(3), rs.getString(4), rs.getLong(5), false));
        }
      }
    }
  }

  /** The higher incarnation wins; within one, the larger end and the id that is known. */
  private static void merge(Map<TopicPartition, Current> current, TopicPartition tp, Current found) {
    current.merge(tp, found, (a, b) -> a.number() != b.number() ? (a.number() > b.number() ? a : b)
        : new Current(a.number(), a.topicId() != null ? a.topicId() : b.topicId(), Math.max(a.end(), b.end()),
            a.hasEndRow() || b.hasEndRow()));
  }

  /**
   * Records where partitions start: a partition first seen, or the first partition of a recreated
   * topic's new incarnation. A start already recorded for the incarnation is kept.
   */
  static void recordStarts(Connection c, Map<TopicPartition, Long> starts, Map<String, String> topicIds, Instant at)
      throws SQLException {
    Map<TopicPartition, Current> current = current(c, starts.keySet(), false);
    String sql = "INSERT IGNORE INTO etl_partition_starts (topic, kafka_partition, incarnation, topic_id, start_offset,"
        + " recorded_at_utc) VALUES (?, ?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Map.Entry<TopicPartition, Long> e : starts.entrySet()) {
        String id = topicIds.get(e.getKey().topic());
        Current now = current.get(e.getKey());
        ps.setString(1, e.getKey().topic());
        ps.setInt(2, e.getKey().partition());
        ps.setInt(3, now == null ? 0 : now.numberFor(id));
        ps.setString(4, id);
        ps.setLong(5, e.getValue());
        ps.setObject(6, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Stores Kafka's id on a topic's rows stored without one, as the same incarnation. Once after the
   * upgrade that added topic ids, while rows without one remain: no index of etl_offsets begins with
   * the topic, so it reads the whole table each time it runs, which is only until every row has one.
   */
  static void adopt(Connection c, Map<String, String> topicIds) throws SQLException {
    for (String table : List.of("etl_offsets", "etl_partition_ends", "etl_partition_starts")) {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET topic_id = ? WHERE topic = ?"
          + " AND topic_id IS NULL")) {
        for (Map.Entry<String, String> e : topicIds.entrySet()) {
          ps.setString(1, e.getValue());
          ps.setString(2, e.getKey());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}
