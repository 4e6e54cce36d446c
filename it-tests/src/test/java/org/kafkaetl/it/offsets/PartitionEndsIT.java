package org.kafkaetl.it.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.offsets.StoredPosition;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.fixtures.MariaDbFixture;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcOffsetStore;

/**
 * etl_partition_ends, where each partition incarnation continues, on a real MariaDB: after every
 * kind of write it holds exactly what the etl_offsets rows say (their largest end and topic id per
 * incarnation), and the migration fills it from rows stored before it existed.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class PartitionEndsIT {
  private static final HourPartition H1 = new HourPartition(LocalDateTime.of(2026, 11, 21, 3, 0));
  private static final HourPartition H2 = new HourPartition(LocalDateTime.of(2026, 11, 21, 4, 0));
  private static final HourPartition H3 = new HourPartition(LocalDateTime.of(2026, 11, 21, 5, 0));
  private static final TopicPartition P0 = TopicPartition.of("t", 0);
  private static final TopicPartition P1 = TopicPartition.of("t", 1);
  private static final TopicPartition U0 = TopicPartition.of("u", 0);

  private MariaDbFixture db;
  private String name;
  private Database database;
  private JdbcOffsetStore store;

  @BeforeEach
  void freshDatabase(MariaDbFixture db) throws Exception {
    this.db = db;
    name = EtlTestEnvironment.uniqueName("ends").replaceAll("[^a-zA-Z0-9_]", "_");
    db.createDatabase(name);
    database = new Database(db.jdbcUrl(name), db.user(), db.password());
  }

  @Test
  void endsAgreeWithTheLargestEndOfEachIncarnationAfterEveryKindOfOutcome() {
    database.migrate();
    store = new JdbcOffsetStore(database);
    Map<String, String> idA = Map.of("t", "A");
    long first = store.startRun(H1, Instant.now(), List.of(ev(P0, 0, 50), ev(P0, 50, 100), ev(P1, 10, 20)),
        List.of(ev(P1, 0, 10)), idA);
    assertEndsAgreeWithRows();

    store.markRunning(first);
    store.finishRun(first, Instant.now(), List.of(
        new RangeOutcome(ev(P0, 0, 50), RangeState.COMPLETE, 50, 50, 0, ""),
        new RangeOutcome(ev(P0, 50, 100), RangeState.INCOMPLETE, 70, 20, 0, "max pull time"),
        new RangeOutcome(ev(P1, 10, 20), RangeState.LOST, 20, 5, 0, "retention",
            List.of(new OffsetRange(15, 20)))));
    assertEndsAgreeWithRows();

    // a plan that leaves a gap stores nothing, its end rows included
    assertThatThrownBy(() -> store.startRun(H2, Instant.now(), List.of(ev(P0, 100, 110), ev(P1, 21, 30)),
        List.of(), idA)).isInstanceOf(EtlException.class);
    assertEndsAgreeWithRows();
    // nor one with an empty range: the partition's next range would begin at the same offset, in a
    // later hour, where no key refuses it
    assertThatThrownBy(() -> store.startRun(H2, Instant.now(), List.of(ev(P0, 100, 100)), List.of(), idA))
        .isInstanceOf(EtlException.class).hasMessageContaining("holds no offsets");
    assertEndsAgreeWithRows();
    assertThat(store.positions(List.of("t"))).containsEntry(P1, new StoredPosition(20, "A"));

    long rerun = store.startRerun(H1, Instant.now(), List.of(ev(P0, 50, 100)));
    store.finishRun(rerun, Instant.now(), List.of(new RangeOutcome(ev(P0, 50, 100), RangeState.COMPLETE, 100, 50, 0, "")));
    long dead = store.startRun(H2, Instant.now(), List.of(ev(P0, 100, 120), ev(P1, 20, 30)), List.of(), idA);
    store.markRunning(dead);
    store.settleDeadRanges(dead, Instant.now(), List.of(
        new RangeOutcome(ev(P0, 100, 120), RangeState.INCOMPLETE, 100, 0, 0, "no committed output")));
    store.markDied(dead, Instant.now());
    assertEndsAgreeWithRows();

    // the topic was deleted and created again: a new incarnation starts at 0 beside the old one
    store.recordIncarnationGone(store.allRanges("t").stream().filter(r -> !r.state().isFinal()).toList(),
        Instant.now(), "topic recreated");
    store.startRun(H3, Instant.now(), List.of(ev(P0, 0, 30)), List.of(), Map.of("t", "B"));
    assertEndsAgreeWithRows();
    assertThat(store.positions(List.of("t"))).containsEntry(P0, new StoredPosition(30, "B"))
        .containsEntry(P1, new StoredPosition(30, "A"));

    // rows stored before Kafka's ids were known take the id as the same incarnation
    store.startRun(H1, Instant.now(), List.of(ev(U0, 0, 5)), List.of());
    store.adoptTopicIds(Map.of("u", "U"));
    store.startRun(H2, Instant.now(), List.of(ev(U0, 5, 9)), List.of(), Map.of("u", "U"));
    assertEndsAgreeWithRows();
    assertThat(store.positions(List.of("u"))).containsEntry(U0, new StoredPosition(9, "U"));
  }

  @Test
  void theMigrationFillsEndsFromRowsStoredBeforeItAndRunsContinueFromThem() throws Exception {
    Flyway.configure().dataSource(db.jdbcUrl(name), db.user(), db.password())
        .locations("classpath:db/migration/kafka_etl").table("etl_schema_history").target("13").load().migrate();
    sql("INSERT INTO etl_runs (run_id, hour, kind, state, host, started_at_utc) VALUES (1, '2026112103', 'RUN',"
        + " 'COMPLETE', 'h', NOW())");
    sql("INSERT INTO etl_offsets (topic, kafka_partition, incarnation, topic_id, begin_offset, end_offset, run_id,"
        + " hour, state, reached_offset, updated_at_utc) VALUES"
        + " ('t', 0, 0, 'A', 0, 40, 1, '2026112103', 'COMPLETE', 40, NOW()),"
        + " ('t', 0, 0, 'A', 40, 90, 1, '2026112103', 'INCOMPLETE', 60, NOW()),"
        + " ('t', 0, 1, 'B', 0, 7, 1, '2026112103', 'COMPLETE', 7, NOW()),"
        + " ('t', 1, 0, NULL, 5, 8, 1, '2026112103', 'LOST', 8, NOW())");
    database.migrate();
    store = new JdbcOffsetStore(database);

    assertEndsAgreeWithRows();
    assertThat(store.positions(List.of("t"))).containsEntry(P0, new StoredPosition(7, "B"))
        .containsEntry(P1, new StoredPosition(8, null));
    store.startRun(H2, Instant.now(), List.of(ev(P0, 7, 20), ev(P1, 8, 9)), List.of(), Map.of("t", "B"));
    assertEndsAgreeWithRows();
  }

  private static KafkaEvent ev(TopicPartition tp, long begin, long end) {
    return new KafkaEvent(tp, new OffsetRange(begin, end));
  }

  private void assertEndsAgreeWithRows() {
    assertThat(rows("SELECT topic, kafka_partition, incarnation, topic_id, end_offset FROM etl_partition_ends"))
        .as("etl_partition_ends against the etl_offsets rows")
        .containsExactlyElementsOf(rows("SELECT topic, kafka_partition, incarnation, MAX(topic_id), MAX(end_offset)"
            + " FROM etl_offsets GROUP BY topic, kafka_partition, incarnation"));
  }

  private List<String> rows(String query) {
    try (Connection c = database.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query + " ORDER BY 1, 2, 3")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + "-" + rs.getInt(2) + " incarnation " + rs.getInt(3) + " id " + rs.getString(4)
            + " end " + rs.getLong(5));
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
