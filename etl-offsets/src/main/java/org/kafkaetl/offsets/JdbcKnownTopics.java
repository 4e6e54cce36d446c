package org.kafkaetl.offsets;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The topics the bookkeeping holds partitions of: every partition a run planned has a row in
 * etl_partition_starts (recorded when it is first seen, even with nothing to read) or, for rows from
 * before starts were kept, in etl_partition_ends. Both lead with {@code topic}, so this reads one
 * index entry per partition, not one per range.
 */
public final class JdbcKnownTopics {
  private final Database database;

  public JdbcKnownTopics(Database database) {
    this.database = database;
  }

  public SortedSet<String> read() {
    SortedSet<String> topics = new TreeSet<>();
    try (Connection c = database.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT topic FROM etl_partition_starts"
            + " UNION SELECT DISTINCT topic FROM etl_partition_ends")) {
      while (rs.next()) {
        topics.add(rs.getString(1));
      }
      return topics;
    } catch (SQLException e) {
      throw database.failure("cannot read which topics the bookkeeping holds", e);
    }
  }
}
