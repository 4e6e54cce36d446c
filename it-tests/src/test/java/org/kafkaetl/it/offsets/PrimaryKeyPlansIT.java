package org.kafkaetl.it.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.fixtures.MariaDbFixture;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcOffsetStore;
import org.kafkaetl.offsets.PrimaryKeyLookups;

/**
 * The statements that moved from the begin index (dropped by V32) to the primary key use it on a
 * real MariaDB, with statistics of a table holding several hours of many partitions: a plan that
 * left the key would read every row kept, which at 100 000 partitions is millions of rows a lookup.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class PrimaryKeyPlansIT {
  private static final int PARTITIONS = 300;
  private static final int HOURS = 6;
  private static final Map<String, String> IDS = Map.of("t", "A", "u", "C");

  @Test
  void theStatementsThatFollowedTheBeginIndexGoByThePrimaryKey(MariaDbFixture db) throws Exception {
    String name = EtlTestEnvironment.uniqueName("pkplans").replaceAll("[^a-zA-Z0-9_]", "_");
    db.createDatabase(name);
    Database database = new Database(db.jdbcUrl(name), db.user(), db.password());
    database.migrate();
    JdbcOffsetStore store = new JdbcOffsetStore(database);
    Map<TopicPartition, Long> starts = new HashMap<>();
    for (String topic : IDS.keySet()) {
      for (int p = 0; p < PARTITIONS; p++) {
        starts.put(TopicPartition.of(topic, p), 0L);
      }
    }
    store.recordStarts(starts, IDS);
    long lastRun = 0;
    for (int h = 0; h < HOURS; h++) {
      List<KafkaEvent> planned = new ArrayList<>();
      for (TopicPartition tp : starts.keySet()) {
        planned.add(new KafkaEvent(tp, new OffsetRange(h * 10L, h * 10L + 10)));
      }
      lastRun = store.startRun(hour(h), Instant.now(), planned, List.of(), IDS);
      store.markRunning(lastRun);
      if (h < HOURS - 1) {
        store.finishRun(lastRun, Instant.now(), planned.stream()
            .map(e -> new RangeOutcome(e, RangeState.COMPLETE, e.range().end(), 10, 0, "")).toList());
      }
    }

    try (Connection c = database.connect(); Statement st = c.createStatement()) {
      st.execute("ANALYZE TABLE etl_offsets");
      String at = "'2026-11-01 06:00:00'";
      String last = "'" + hour(HOURS - 1) + "'";
      assertThat(plan(st, PrimaryKeyLookups.lostRangeOfRunRead(), "3", "5", "" + lastRun, at, last, "'t'", "7", "53",
          "55", "" + lastRun, "" + lastRun)).as("the row holding a lost range of a run's read").contains("PRIMARY");
      assertThat(plan(st, PrimaryKeyLookups.markRereading(), "9", at, "'t'", "7", "20", "30", "0", "'" + hour(2) + "'"))
          .as("a rerun's mark").contains("PRIMARY");
      assertThat(plan(st, PrimaryKeyLookups.pruningHours(), "'" + hour(4) + "'")).as("pruning: the hours with rows")
          .contains("PRIMARY");
      assertThat(plan(st, PrimaryKeyLookups.pruningRowsOfHour(), "'" + hour(1) + "'", "'t'"))
          .as("pruning: a topic's rows of an hour, in key order").contains("ref PRIMARY").doesNotContain("filesort");
      assertThat(plan(st, PrimaryKeyLookups.pruningDelete(), "'" + hour(1) + "'", "'t'", "7", "0", "10"))
          .as("pruning: one row").contains("PRIMARY");
      List<String> day = new ArrayList<>();
      for (int h = 0; h < 24; h++) {
        day.add("'" + hour(h) + "'");
      }
      day.addAll(List.of("'t'", "100", "150", "0"));
      assertThat(plan(st, PrimaryKeyLookups.auditRowsOfDay("t", hour(0), hour(23)), day.toArray(String[]::new)))
          .as("the audit's walk back: a day of a span of partitions").contains("range PRIMARY");
    }
  }

  /** "type key extra" of the etl_offsets row of the statement's plan, with each ? replaced in order. */
  private static String plan(Statement st, String sql, String... literals) throws Exception {
    String[] parts = sql.split("\\?", -1);
    assertThat(parts).as("parameters of " + sql).hasSize(literals.length + 1);
    StringBuilder bound = new StringBuilder(parts[0]);
    for (int i = 0; i < literals.length; i++) {
      bound.append(literals[i]).append(parts[i + 1]);
    }
    StringBuilder plan = new StringBuilder();
    try (ResultSet rs = st.executeQuery("EXPLAIN " + bound)) {
      while (rs.next()) {
        if ("etl_offsets".equals(rs.getString("table"))) {
          plan.append(rs.getString("type")).append(' ').append(rs.getString("key")).append(' ')
              .append(rs.getString("Extra"));
        }
      }
    }
    System.out.println("plan: " + plan + " <- " + bound);
    return plan.toString();
  }

  private static HourPartition hour(int h) {
    return new HourPartition(LocalDateTime.of(2026, 11, 1, 0, 0).plusHours(h));
  }
}
