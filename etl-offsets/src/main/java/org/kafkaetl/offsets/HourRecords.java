package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * etl_hour_records: the records of each topic's hour, moved by what an outcome changes in the same
 * transaction as the outcome, so the page reads one row per topic and hour instead of every range.
 */
final class HourRecords {
  /** A topic's hour as etl_offsets names it. */
  record Key(String topic, String hour) {}

  private HourRecords() {}

  /** Adds each hour's change (the outcomes' records less what their rows held before). */
  static void add(Connection c, Map<Key, Long> changes) throws SQLException {
    String sql = "INSERT INTO etl_hour_records (topic, hour, records) VALUES (?, ?, ?)"
        + " ON DUPLICATE KEY UPDATE records = records + VALUES(records)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int rows = 0;
      for (Map.Entry<Key, Long> change : changes.entrySet()) {
        if (change.getValue() != 0) {
          ps.setString(1, change.getKey().topic());
          ps.setString(2, change.getKey().hour());
          ps.setLong(3, change.getValue());
          Batches.add(ps, ++rows);
        }
      }
      ps.executeBatch();
    }
  }
}
