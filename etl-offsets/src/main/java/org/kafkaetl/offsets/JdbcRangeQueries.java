package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;

/** The read-only questions {@link JdbcOffsetStore} answers about stored ranges, runs and lost offsets. */
final class JdbcRangeQueries {
  static final String SELECT_RANGE_COLUMNS =
      "SELECT run_id, hour, topic, kafka_partition, incarnation, topic_id, begin_offset, end_offset, state,"
          + " reached_offset, records, decode_errors, detail, attempts FROM etl_offsets ";

  private final Database database;

  JdbcRangeQueries(Database database) {
    this.database = database;
  }

  List<RangeRecord> rangesOfHours(String topic, HourPartition from, HourPartition to) {
    HoursOfTopic hours = new HoursOfTopic(topic, from, to);
    return queryRanges("the ranges of " + topic + " hours " + from + (from.equals(to) ? "" : " to " + to),
        "FORCE INDEX (PRIMARY) WHERE" + hours.where() + " ORDER BY hour, kafka_partition, begin_offset",
        ps -> hours.bind(ps, 1));
  }


  java.util.Optional<HourPartition> firstFinishedRunHour(HourPartition from) {
    return runHour("SELECT MIN(hour) FROM etl_runs WHERE kind = 'RUN' AND hour >= ? AND finished_at_utc IS NOT NULL",
        from.toString());
  }

  /** Through etl_runs' hour index, read backwards from its end. */
  java.util.Optional<HourPartition> lastRunHour() {
    return runHour("SELECT MAX(hour) FROM etl_runs WHERE kind = 'RUN'");
  }

  private java.util.Optional<HourPartition> runHour(String sql, String... params) {
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        String hour = rs.next() ? rs.getString(1) : null;
        return hour == null ? java.util.Optional.empty() : java.util.Optional.of(HourPartition.parse(hour));
      }
    } catch (SQLException e) {
      throw database.failure("cannot read the hours of runs", e);
    }
  }


  List<RangeRecord> incompleteRanges(HourPartition since) {
    return queryRanges("incomplete ranges", "WHERE state = 'INCOMPLETE' AND hour >= ? ORDER BY hour, topic,"
        + " kafka_partition, begin_offset", ps -> ps.setString(1, since.toString()));
  }

  List<RangeRecord> openRanges() {
    return queryRanges("open ranges", "WHERE state IN ('PLANNED', 'RUNNING') ORDER BY run_id, topic, kafka_partition,"
        + " begin_offset", ps -> { });
  }

  List<RangeRecord> unfinishedRanges(String topic, HourPartition from, HourPartition upTo) {
    HoursOfTopic hours = new HoursOfTopic(topic, from, upTo);
    return queryRanges("unfinished ranges of " + topic,
        "FORCE INDEX (PRIMARY) WHERE" + hours.where() + " AND state NOT IN ('COMPLETE', 'LOST')"
            + " ORDER BY kafka_partition, begin_offset",
        ps -> hours.bind(ps, 1));
  }


  private List<RangeRecord> queryRanges(String what, String whereAndOrder, Binder binder) {
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(SELECT_RANGE_COLUMNS + whereAndOrder)) {
      binder.bind(ps);
      return readRanges(ps);
    } catch (SQLException e) {
      throw database.failure("cannot read " + what, e);
    }
  }


  List<RangeRecord> ranges(long runId) {
    return queryRanges("the ranges of run " + runId,
        "WHERE run_id = ? ORDER BY topic, kafka_partition, begin_offset", ps -> ps.setLong(1, runId));
  }

  List<RangeRecord> rangesReadBy(long runId) {
    return queryRanges("the ranges run " + runId + " read", "WHERE (run_id = ? AND reader_run_id IS NULL)"
        + " OR reader_run_id = ? ORDER BY topic, kafka_partition, begin_offset", ps -> {
          ps.setLong(1, runId);
          ps.setLong(2, runId);
        });
  }

  /**
   * Every range of a topic, in offset order per partition: for tests only. No index of etl_offsets
   * begins with the topic (V32), so it reads the whole table.
   */
  List<RangeRecord> allRanges(String topic) {
    return queryRanges("the ranges of topic " + topic,
        "WHERE topic = ? ORDER BY kafka_partition, begin_offset", ps -> ps.setString(1, topic));
  }


  /** Every range Kafka deleted before it was read, for a topic, in offset order per partition. */
  List<KafkaEvent> lostRanges(String topic) {
    String sql = "SELECT kafka_partition, begin_offset, end_offset FROM etl_lost_ranges WHERE topic = ?"
        + " ORDER BY kafka_partition, begin_offset";
    try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, topic);
      List<KafkaEvent> lost = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lost.add(new KafkaEvent(TopicPartition.of(topic, rs.getInt(1)), new OffsetRange(rs.getLong(2), rs.getLong(3))));
        }
      }
      return lost;
    } catch (SQLException e) {
      throw database.failure("cannot read the lost ranges of " + topic, e);
    }
  }


  static List<RangeRecord> readRanges(PreparedStatement ps) throws SQLException {
    List<RangeRecord> records = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        records.add(new RangeRecord(
            rs.getLong("run_id"),
            HourPartition.parse(rs.getString("hour")),
            new KafkaEvent(TopicPartition.of(rs.getString("topic"), rs.getInt("kafka_partition")),
                new OffsetRange(rs.getLong("begin_offset"), rs.getLong("end_offset"))),
            RangeState.valueOf(rs.getString("state").strip()), // CHAR: padded under PAD_CHAR_TO_FULL_LENGTH
            rs.getLong("reached_offset"),
            rs.getLong("records"),
            rs.getLong("decode_errors"),
            java.util.Objects.requireNonNullElse(rs.getString("detail"), ""),
            rs.getInt("attempts"),
            rs.getInt("incarnation"),
            rs.getString("topic_id")));
      }
    }
    return records;
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }
}
