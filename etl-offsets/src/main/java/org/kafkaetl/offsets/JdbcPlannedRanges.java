package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeState;

/**
 * Stores a run's planned ranges in etl_offsets, and where each partition now continues in
 * etl_partition_ends, in the caller's transaction: the two tables change together or not at all,
 * so etl_partition_ends always holds the largest end_offset of each incarnation's rows.
 */
final class JdbcPlannedRanges {
  private JdbcPlannedRanges() {}

  /** Each planned partition's incarnation, the end its ranges reach, and whether its end row exists. */
  private record Continuation(int incarnation, String topicId, long end, boolean hasEndRow) {}

  static void store(Connection c, long runId, HourPartition hour, Instant at, List<KafkaEvent> planned,
      List<KafkaEvent> lost, Map<String, String> topicIds) throws SQLException {
    Map<TopicPartition, Continuation> continuations = requireTiling(c, planned, lost, topicIds);
    Map<TopicPartition, Integer> incarnations = new HashMap<>();
    continuations.forEach((tp, k) -> incarnations.put(tp, k.incarnation()));
    insertRanges(c, runId, hour, at, lost, RangeState.LOST, incarnations, topicIds);
    insertRanges(c, runId, hour, at, planned, RangeState.PLANNED, incarnations, topicIds);
    JdbcRangeOutcomes.insertLost(c, runId, at, lost.stream()
        .map(e -> new JdbcRangeOutcomes.LostIn(e, hour.toString())).toList(), JdbcRangeOutcomes.PLANNED_BY, runId);
    storeEnds(c, continuations);
  }

  /**
   * Fails unless each partition's ranges continue its incarnation for Kafka's topic id: the current
   * one where it ended, or a new one (topic recreated) anywhere, and none is empty. Returns where
   * each continues now. With {@link #storeEnds}, this is what keeps two rows of a partition
   * incarnation from beginning (or ending) at the same offset: each range begins where the last
   * one ended, read under the end row's lock, and ends after it begins.
   */
  private static Map<TopicPartition, Continuation> requireTiling(Connection c, List<KafkaEvent> planned,
      List<KafkaEvent> lost, Map<String, String> topicIds) throws SQLException {
    Map<TopicPartition, List<KafkaEvent>> byPartition = new HashMap<>();
    for (List<KafkaEvent> events : List.of(lost, planned)) {
      for (KafkaEvent e : events) {
        byPartition.computeIfAbsent(e.partition(), k -> new ArrayList<>()).add(e);
      }
    }
    Map<TopicPartition, JdbcIncarnations.Current> stored = JdbcIncarnations.current(c, byPartition.keySet(), true);
    Map<TopicPartition, Continuation> continuations = new HashMap<>();
    for (Map.Entry<TopicPartition, List<KafkaEvent>> entry : byPartition.entrySet()) {
      List<KafkaEvent> events = entry.getValue();
      events.sort(Comparator.comparingLong(e -> e.range().begin()));
      JdbcIncarnations.Current current = stored.get(entry.getKey());
      String topicId = topicIds.get(entry.getKey().topic());
      int incarnation = current == null ? 0 : current.numberFor(topicId);
      Long expected = current == null ? null : current.endFor(topicId);
      for (KafkaEvent e : events) {
        // An empty range would begin where the next one does: no two rows of a partition
        // incarnation may (V32 keeps no index that would refuse the second).
        if (e.range().isEmpty()) {
          throw new EtlException("refusing to store range " + e + ": it holds no offsets, and the partition's next"
              + " range would begin at the same offset");
        }
        if (expected != null && e.range().begin() != expected) {
          throw new EtlException("refusing to store range " + e + ": " + entry.getKey() + " continues at offset "
              + expected + ", so this would leave a gap or an overlap in etl_offsets");
        }
        expected = e.range().end();
      }
      boolean hasEndRow = current != null && current.hasEndRow() && current.number() == incarnation;
      continuations.put(entry.getKey(), new Continuation(incarnation, topicId, expected, hasEndRow));
    }
    return continuations;
  }

  /**
   * Moves each partition's end row to where its new ranges end. Existing rows (read and locked by
   * the tiling check) move by a multi-row upsert that only ever meets its duplicate keys: one UPDATE
   * statement per partition cost the server a statement each. A partition without one gets a plain
   * INSERT: had another transaction stored ranges of the same new incarnation meanwhile, the
   * duplicate key fails this one, so two plans can never both tile from the same start.
   */
  private static void storeEnds(Connection c, Map<TopicPartition, Continuation> continuations) throws SQLException {
    String columns = "INSERT INTO etl_partition_ends (end_offset, topic_id, topic, kafka_partition, incarnation)"
        + " VALUES (?, ?, ?, ?, ?)";
    String move = columns + " ON DUPLICATE KEY UPDATE end_offset = VALUES(end_offset),"
        + " topic_id = COALESCE(topic_id, VALUES(topic_id))";
    try (PreparedStatement moves = c.prepareStatement(move); PreparedStatement inserts = c.prepareStatement(columns)) {
      int moved = 0;
      int inserted = 0;
      for (Map.Entry<TopicPartition, Continuation> e : continuations.entrySet()) {
        Continuation k = e.getValue();
        PreparedStatement ps = k.hasEndRow() ? moves : inserts;
        ps.setLong(1, k.end());
        ps.setString(2, k.topicId());
        ps.setString(3, e.getKey().topic());
        ps.setInt(4, e.getKey().partition());
        ps.setInt(5, k.incarnation());
        Batches.add(ps, k.hasEndRow() ? ++moved : ++inserted);
      }
      moves.executeBatch();
      inserts.executeBatch();
    }
  }

  private static void insertRanges(Connection c, long runId, HourPartition hour, Instant at, List<KafkaEvent> events,
      RangeState state, Map<TopicPartition, Integer> incarnations, Map<String, String> topicIds) throws SQLException {
    String sql = "INSERT INTO etl_offsets (topic, kafka_partition, begin_offset, end_offset, run_id, hour, state,"
        + " reached_offset, detail, updated_at_utc, incarnation, topic_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    String hourName = hour.toString();
    java.time.LocalDateTime updated = Batches.utc(at);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int rows = 0;
      for (KafkaEvent e : events) {
        ps.setString(1, e.topic());
        ps.setInt(2, e.partition().partition());
        ps.setLong(3, e.range().begin());
        ps.setLong(4, e.range().end());
        ps.setLong(5, runId);
        ps.setString(6, hourName);
        ps.setString(7, state.name());
        ps.setLong(8, state == RangeState.LOST ? e.range().end() : e.range().begin());
        ps.setString(9, state == RangeState.LOST ? "deleted by Kafka retention before it was read" : null);
        ps.setObject(10, updated);
        ps.setInt(11, incarnations.getOrDefault(e.partition(), 0));
        ps.setString(12, topicIds.get(e.topic()));
        Batches.add(ps, ++rows);
      }
      ps.executeBatch();
    }
  }
}
