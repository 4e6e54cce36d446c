package org.kafkaetl.it.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.audit.Finding;
import org.kafkaetl.core.audit.RangeRow;
import org.kafkaetl.core.audit.TilingCheck;
import org.kafkaetl.core.offsets.HistoryPruned;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.fixtures.MariaDbFixture;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcAuditSource;
import org.kafkaetl.offsets.JdbcOffsetStore;

/**
 * Removing etl_offsets rows past retention on a real MariaDB: only final rows before each partition's
 * first row that must stay go, where partitions continue never moves, and the audit of the days kept
 * still finds their rows continuing the removed ones.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class HistoryPruningIT {
  private static final HourPartition DAY1 = hour(1, 1);
  private static final HourPartition DAY2 = hour(2, 1);
  private static final HourPartition DAY2_KEPT_DIRECTORY = hour(2, 2);
  private static final HourPartition DAY3 = hour(3, 1);
  private static final HourPartition RETAINED_FROM = hour(3, 0);
  private static final Map<String, String> IDS = Map.of("t", "A");

  private Database database;
  private JdbcOffsetStore store;

  @BeforeEach
  void freshDatabase(MariaDbFixture db) throws Exception {
    String name = EtlTestEnvironment.uniqueName("prune").replaceAll("[^a-zA-Z0-9_]", "_");
    db.createDatabase(name);
    database = new Database(db.jdbcUrl(name), db.user(), db.password());
    database.migrate();
    store = new JdbcOffsetStore(database);
  }

  /**
   * p0 all COMPLETE; p1 INCOMPLETE on day 2; p2 LOST on day 1 and its day-2 hour directory still in
   * the work root; p3 idle since day 1; p4 still RUNNING since day 1.
   */
  @Test
  void removesOnlyFinalRowsBeforeTheFirstThatMustStayAndTheKeptDaysStillAudit() {
    Map<TopicPartition, Long> starts = new HashMap<>();
    for (int p = 0; p <= 4; p++) {
      starts.put(tp(p), 0L);
    }
    store.recordStarts(starts, IDS);
    run(DAY1, List.of(ev(0, 0, 10), ev(1, 0, 10), ev(3, 0, 10), ev(4, 0, 10)), List.of(ev(2, 0, 10)),
        RangeState.COMPLETE, RangeState.COMPLETE, RangeState.COMPLETE, null);
    run(DAY2, List.of(ev(0, 10, 20), ev(1, 10, 20)), List.of(), RangeState.COMPLETE, RangeState.INCOMPLETE);
    run(DAY2_KEPT_DIRECTORY, List.of(ev(2, 10, 20)), List.of(), RangeState.COMPLETE);
    run(DAY3, List.of(ev(0, 20, 30), ev(1, 20, 30), ev(2, 20, 30)), List.of(),
        RangeState.COMPLETE, RangeState.COMPLETE, RangeState.COMPLETE);
    var positions = store.positions(List.of("t"));

    HistoryPruned pruned = store.pruneHistory(RETAINED_FROM, Set.of(DAY2_KEPT_DIRECTORY));

    assertThat(begins()).containsExactlyInAnyOrderEntriesOf(Map.of(
        0, List.of(20L), 1, List.of(10L, 20L), 2, List.of(10L, 20L), 4, List.of(0L)));
    assertThat(store.lostRanges("t")).isEmpty();
    assertThat(pruned.partitions()).isEqualTo(4);
    assertThat(store.positions(List.of("t"))).as("where partitions continue").isEqualTo(positions);
    assertThatThrownBy(() -> store.startRun(hour(3, 2), Instant.now(), List.of(ev(3, 0, 5)), List.of(), IDS))
        .as("an idle partition whose every row was removed").isInstanceOf(EtlException.class)
        .hasMessageContaining("continues at offset 10");
    assertThat(store.pruneHistory(RETAINED_FROM, Set.of(DAY2_KEPT_DIRECTORY)).partitions()).isZero();

    assertThat(audit(RETAINED_FROM, hour(3, 23))).isEmpty();
    assertThat(audit(hour(2, 0), hour(3, 23))).extracting(Finding::kind, Finding::partition)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Finding.Kind.NOT_FINAL, 1));
  }

  /**
   * The walk hour by hour: p0 stopped by its row of an hour whose directory is kept, p1 idle since
   * day 1 (a COMPLETE row, then a LOST one) with every row gone, p2 stopped within an hour by its
   * INCOMPLETE row after a COMPLETE one, p3 whose first row is of the kept hour. The audit then walks
   * back over removed and idle days to the row before each partition's first.
   */
  @Test
  void theHourWalkStopsEachPartitionAtItsFirstRowThatStaysAndTheAuditStillFindsTheRowBefore() throws Exception {
    Map<TopicPartition, Long> starts = new HashMap<>();
    for (int p = 0; p <= 3; p++) {
      starts.put(tp(p), 0L);
    }
    store.recordStarts(starts, IDS);
    run(DAY1, List.of(ev(0, 0, 10), ev(1, 0, 10)), List.of(), RangeState.COMPLETE, RangeState.COMPLETE);
    store.startRun(hour(1, 2), Instant.now(), List.of(), List.of(ev(1, 10, 15)), IDS); // only a LOST row: no job
    run(DAY2_KEPT_DIRECTORY, List.of(ev(0, 10, 20), ev(3, 0, 10)), List.of(), RangeState.COMPLETE, RangeState.COMPLETE);
    run(hour(2, 5), List.of(ev(0, 20, 30), ev(2, 0, 4), ev(2, 4, 10)), List.of(),
        RangeState.COMPLETE, RangeState.COMPLETE, RangeState.INCOMPLETE);
    run(DAY3, List.of(ev(0, 30, 40), ev(2, 10, 20)), List.of(), RangeState.COMPLETE, RangeState.COMPLETE);
    run(hour(4, 6), List.of(ev(3, 10, 20)), List.of(), RangeState.COMPLETE);
    var positions = store.positions(List.of("t"));

    HistoryPruned pruned = store.pruneHistory(RETAINED_FROM, Set.of(DAY2_KEPT_DIRECTORY));

    assertThat(begins()).containsExactlyInAnyOrderEntriesOf(Map.of(
        0, List.of(10L, 20L, 30L), 2, List.of(4L, 10L), 3, List.of(0L, 10L)));
    assertThat(pruned).isEqualTo(new HistoryPruned(3, 4, 1));
    assertThat(store.lostRanges("t")).isEmpty();
    assertThat(prunedThrough()).isEqualTo(Map.of("0/0", 10L, "1/0", 15L, "2/0", 4L));
    assertThat(store.positions(List.of("t"))).as("where partitions continue").isEqualTo(positions);
    assertThat(store.pruneHistory(RETAINED_FROM, Set.of(DAY2_KEPT_DIRECTORY))).isEqualTo(new HistoryPruned(0, 0, 0));

    assertThat(audit(RETAINED_FROM, hour(3, 23))).isEmpty();
    assertThat(new JdbcAuditSource(database).endsBefore("t", 0, hour(4, 6), Map.of(3, 10L, 1, 15L)))
        .as("p3's row two days back; p1's every row removed: where they ended")
        .containsExactlyInAnyOrderEntriesOf(Map.of(3, 10L, 1, 15L));
  }

  /**
   * A recreated topic's two incarnations of p0 are walked apart: the old one stops at its INCOMPLETE
   * row, the new one's rows of later hours still go.
   */
  @Test
  void eachIncarnationOfAPartitionIsStoppedOnItsOwn() throws Exception {
    store.recordStarts(Map.of(tp(0), 0L), IDS);
    run(DAY1, List.of(ev(0, 0, 10)), List.of(), RangeState.COMPLETE);
    run(DAY2, List.of(ev(0, 10, 20)), List.of(), RangeState.INCOMPLETE);
    Map<String, String> recreated = Map.of("t", "B");
    run(hour(2, 3), recreated, List.of(ev(0, 0, 5)), RangeState.COMPLETE);
    run(hour(2, 4), recreated, List.of(ev(0, 5, 8)), RangeState.COMPLETE);
    run(DAY3, recreated, List.of(ev(0, 8, 12)), RangeState.COMPLETE);

    HistoryPruned pruned = store.pruneHistory(RETAINED_FROM, Set.of());

    assertThat(pruned).isEqualTo(new HistoryPruned(2, 3, 0));
    assertThat(store.allRanges("t")).extracting(RangeRecord::incarnation, r -> r.event().range().begin())
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(0, 10L),
            org.assertj.core.groups.Tuple.tuple(1, 8L));
    assertThat(prunedThrough()).isEqualTo(Map.of("0/0", 10L, "0/1", 8L));
  }

  @Test
  void theSizingLagAndRecordsOfHoursPastRetentionGoUnlessTheirDirectoryIsKept() throws Exception {
    store.recordStarts(Map.of(tp(0), 0L), IDS);
    long old = run(DAY1, List.of(ev(0, 0, 10)), List.of(), RangeState.COMPLETE);
    run(DAY2_KEPT_DIRECTORY, List.of(ev(0, 10, 15)), List.of(), RangeState.COMPLETE);
    long kept = run(DAY3, List.of(ev(0, 15, 20)), List.of(), RangeState.COMPLETE);
    try (java.sql.Connection c = database.connect(); java.sql.Statement s = c.createStatement()) {
      for (long run : List.of(old, kept)) {
        s.executeUpdate("INSERT INTO etl_run_sizing (run_id, target_millis, expected_millis, mappers) VALUES ("
            + run + ", 60000, 1000, 1)");
        s.executeUpdate("INSERT INTO etl_topic_throughput (run_id, topic, rate_used, rate_source, events,"
            + " planned_messages, mappers) VALUES (" + run + ", 't', 100, 'MEASURED', 1, 10, 1)");
      }
    }

    org.kafkaetl.offsets.JdbcLagHistory lag = new org.kafkaetl.offsets.JdbcLagHistory(database);
    for (HourPartition hour : List.of(DAY1, DAY2_KEPT_DIRECTORY, DAY3)) {
      lag.record(hour, java.time.Instant.now(), new org.kafkaetl.core.status.FleetLag(Map.of("t",
          new org.kafkaetl.core.status.FleetLag.TopicLag("t", 3, 4, 1)), List.of()));
    }

    store.pruneHistory(RETAINED_FROM, Set.of(DAY2_KEPT_DIRECTORY));

    assertThat(runIds("etl_run_sizing")).containsExactly(kept);
    assertThat(runIds("etl_topic_throughput")).containsExactly(kept);
    assertThat(lag.read(List.of("t"), DAY1, DAY3).messages())
        .as("the lag of hours past retention goes, but for an hour whose directory is kept")
        .isEqualTo(Map.of("t", Map.of(DAY2_KEPT_DIRECTORY, 7L, DAY3, 7L)));
    assertThat(hoursWithRecords()).as("records per hour: kept with the hour's ranges, which a rerun may change")
        .containsExactly(DAY2_KEPT_DIRECTORY.toString(), DAY3.toString());
  }

  /**
   * The audit takes the row before a partition's first from the hour before its window when one there
   * ends at that first begin, and looks it up otherwise: p0 continues from the hour before, p1 split
   * there into two rows, p2 idle that hour, p3 with the hour's row that continued it deleted (a gap).
   */
  @Test
  void theRowBeforeEachPartitionsFirstIsFoundWhetherOrNotItIsInTheHourBefore() throws Exception {
    Map<TopicPartition, Long> starts = new HashMap<>();
    for (int p = 0; p <= 3; p++) {
      starts.put(tp(p), 0L);
    }
    store.recordStarts(starts, IDS);
    HourPartition window = hour(2, 5);
    run(hour(2, 3), List.of(ev(2, 0, 10)), List.of(), RangeState.COMPLETE);
    run(window.previous(), List.of(ev(0, 0, 10), ev(1, 0, 4), ev(1, 4, 10), ev(3, 0, 4), ev(3, 4, 10)), List.of(),
        RangeState.COMPLETE, RangeState.COMPLETE, RangeState.COMPLETE, RangeState.COMPLETE, RangeState.COMPLETE);
    run(window, List.of(ev(0, 10, 20), ev(1, 10, 20), ev(2, 10, 20), ev(3, 10, 20)), List.of(),
        RangeState.COMPLETE, RangeState.COMPLETE, RangeState.COMPLETE, RangeState.COMPLETE);
    try (java.sql.Connection c = database.connect()) {
      c.createStatement().executeUpdate("DELETE FROM etl_offsets WHERE kafka_partition = 3 AND begin_offset = 4");
    }

    Map<Integer, Long> firstBegins = Map.of(0, 10L, 1, 10L, 2, 10L, 3, 10L);
    assertThat(new JdbcAuditSource(database).endsBefore("t", 0, window, firstBegins))
        .containsExactlyInAnyOrderEntriesOf(Map.of(0, 10L, 1, 10L, 2, 10L, 3, 4L));
    assertThat(new JdbcAuditSource(database).endsBefore("t", 1, window, firstBegins))
        .as("another incarnation's rows").isEmpty();
    assertThat(audit(window, window)).extracting(Finding::kind, Finding::partition)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Finding.Kind.GAP, 3));
  }

  /** etl_partition_ends.pruned_through by "partition/incarnation", where set. */
  private Map<String, Long> prunedThrough() throws Exception {
    Map<String, Long> through = new TreeMap<>();
    try (java.sql.Connection c = database.connect(); java.sql.ResultSet rs = c.createStatement().executeQuery(
        "SELECT kafka_partition, incarnation, pruned_through FROM etl_partition_ends WHERE topic = 't'"
            + " AND pruned_through IS NOT NULL")) {
      while (rs.next()) {
        through.put(rs.getInt(1) + "/" + rs.getInt(2), rs.getLong(3));
      }
    }
    return through;
  }

  /**
   * A clock set back put a later range in an earlier hour: pruning that hour removes its row, and
   * the lost offsets of the row before it, which stays, stay with it.
   */
  @Test
  void aRowThatStaysKeepsItsLostOffsetsThoughAnEarlierHourHeldLaterOffsets() {
    store.recordStarts(Map.of(tp(0), 0L), IDS);
    store.finishRun(store.startRun(hour(2, 4), Instant.now(), List.of(), List.of(ev(0, 0, 10)), IDS), Instant.now(),
        List.of());
    run(hour(2, 3), List.of(ev(0, 10, 20)), List.of(), RangeState.COMPLETE);

    store.pruneHistory(hour(2, 4), Set.of());

    assertThat(begins()).isEqualTo(Map.of(0, List.of(0L)));
    assertThat(store.lostRanges("t")).containsExactly(ev(0, 0, 10));
    assertThat(store.lastRunHour()).as("the hour a run after them plans into at least").contains(hour(2, 4));
  }

  private List<String> hoursWithRecords() throws Exception {
    List<String> hours = new java.util.ArrayList<>();
    try (java.sql.Connection c = database.connect(); java.sql.ResultSet rs = c.createStatement()
        .executeQuery("SELECT hour FROM etl_hour_records WHERE records > 0 ORDER BY hour")) {
      while (rs.next()) {
        hours.add(rs.getString(1));
      }
    }
    return hours;
  }

  private List<Long> runIds(String table) throws Exception {
    List<Long> ids = new java.util.ArrayList<>();
    try (java.sql.Connection c = database.connect();
        java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT run_id FROM " + table + " ORDER BY run_id")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /** The tiling part of the audit of hours {@code from} to {@code to}, on what the database holds. */
  private List<Finding> audit(HourPartition from, HourPartition to) {
    JdbcAuditSource source = new JdbcAuditSource(database);
    List<RangeRow> rows = source.ranges("t", from, to);
    Map<Integer, Long> firstBegins = new TreeMap<>();
    rows.forEach(r -> firstBegins.merge(r.partition(), r.range().begin(), Math::min));
    return new TilingCheck("t").check(rows, source.endsBefore("t", 0, from, firstBegins), source.partitionStarts("t", 0),
        source.lostRanges("t", 0)).findings();
  }

  private Map<Integer, List<Long>> begins() {
    Map<Integer, List<Long>> begins = new TreeMap<>();
    for (RangeRecord r : store.allRanges("t")) {
      begins.computeIfAbsent(r.event().partition().partition(), p -> new java.util.ArrayList<>())
          .add(r.event().range().begin());
    }
    return begins;
  }

  /** {@link #run(HourPartition, List, List, RangeState...)} of a topic with the ids given. */
  private long run(HourPartition hour, Map<String, String> ids, List<KafkaEvent> planned, RangeState... states) {
    return run(hour, ids, planned, List.of(), states);
  }

  /** A run of {@code hour}; each planned range ends in the state given in order (null: still running). */
  private long run(HourPartition hour, List<KafkaEvent> planned, List<KafkaEvent> lost, RangeState... states) {
    return run(hour, IDS, planned, lost, states);
  }

  private long run(HourPartition hour, Map<String, String> ids, List<KafkaEvent> planned, List<KafkaEvent> lost,
      RangeState... states) {
    long run = store.startRun(hour, Instant.now(), planned, lost, ids);
    store.markRunning(run);
    List<RangeOutcome> outcomes = new java.util.ArrayList<>();
    for (int i = 0; i < planned.size(); i++) {
      KafkaEvent e = planned.get(i);
      if (states[i] != null) {
        long reached = states[i] == RangeState.COMPLETE ? e.range().end() : e.range().begin();
        outcomes.add(new RangeOutcome(e, states[i], reached, reached - e.range().begin(), 0, ""));
      }
    }
    store.finishRun(run, Instant.now(), outcomes);
    return run;
  }

  private static HourPartition hour(int day, int hour) {
    return new HourPartition(LocalDateTime.of(2026, 11, day, hour, 0));
  }

  private static TopicPartition tp(int partition) {
    return TopicPartition.of("t", partition);
  }

  private static KafkaEvent ev(int partition, long begin, long end) {
    return new KafkaEvent(tp(partition), new OffsetRange(begin, end));
  }
}
