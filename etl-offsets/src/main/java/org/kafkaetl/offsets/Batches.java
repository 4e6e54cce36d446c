package org.kafkaetl.offsets;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** JDBC helpers the range writers share: bounded batches and UTC timestamps. */
final class Batches {
  /**
   * Rows per JDBC batch within one transaction: the driver keeps every bound row of a batch, so one
   * batch of 100 000 rows took most of a 512 MB heap.
   */
  static final int ROWS = 5000;

  private Batches() {}

  /** Adds the bound row, the {@code rows}-th, to the batch and sends the batch every {@link #ROWS} rows. */
  static void add(PreparedStatement ps, int rows) throws SQLException {
    ps.addBatch();
    if (rows % ROWS == 0) {
      ps.executeBatch();
    }
  }

  static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
