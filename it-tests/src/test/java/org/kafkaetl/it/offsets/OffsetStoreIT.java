package org.kafkaetl.it.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.offsets.RunLock;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.fixtures.MariaDbFixture;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcOffsetStore;
import org.kafkaetl.offsets.MySqlRunLock;

/** etl_offsets on a real MariaDB: migrations, tiling enforced on write, and the run lock. */
@ExtendWith(EtlEnvironmentExtension.class)
class OffsetStoreIT {
  private static final HourPartition HOUR = new HourPartition(LocalDateTime.of(2026, 11, 21, 3, 0));
  private static final TopicPartition TP = TopicPartition.of("t", 0);

  private Database database;
  private JdbcOffsetStore store;

  @BeforeEach
  void freshDatabase(MariaDbFixture db) throws Exception {
    String name = EtlTestEnvironment.uniqueName("o").replaceAll("[^a-zA-Z0-9_]", "_");
    db.createDatabase(name);
    database = new Database(db.jdbcUrl(name), db.user(), db.password());
    database.migrate();
    database.migrate(); // a second start finds the schema current
    store = new JdbcOffsetStore(database);
  }

  @Test
  void storesRunsThatContinueEachPartitionAndRefusesGapsAndOverlaps() {
    long first = store.startRun(HOUR, Instant.now(), List.of(ev(0, 50), ev(50, 100)), List.of());
    assertThat(store.lastEndOffsets(List.of("t"))).containsEntry(TP, 100L);

    assertThatThrownBy(() -> store.startRun(HOUR, Instant.now(), List.of(ev(101, 120)), List.of()))
        .isInstanceOf(EtlException.class).hasMessageContaining("continues at offset 100");
    assertThatThrownBy(() -> store.startRun(HOUR, Instant.now(), List.of(ev(90, 120)), List.of()))
        .isInstanceOf(EtlException.class).hasMessageContaining("gap or an overlap");
    assertThat(store.allRanges("t")).hasSize(2);

    long second = store.startRun(HOUR, Instant.now(), List.of(ev(130, 140)), List.of(ev(100, 130)));
    assertThat(store.ranges(second)).extracting(RangeRecord::state).containsExactly(RangeState.LOST, RangeState.PLANNED);

    store.markRunning(first);
    store.finishRun(first, Instant.now(), List.of(
        new RangeOutcome(ev(0, 50), RangeState.COMPLETE, 50, 50, 0, ""),
        new RangeOutcome(ev(50, 100), RangeState.INCOMPLETE, 70, 20, 0, "max pull time")));
    assertThat(store.ranges(first)).extracting(RangeRecord::state, RangeRecord::reached)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(RangeState.COMPLETE, 50L),
            org.assertj.core.groups.Tuple.tuple(RangeState.INCOMPLETE, 70L));
    assertThat(store.rangesOfHour(HOUR, "t")).hasSize(4);
  }

  /**
   * The records of each hour, which the fleet page plots, follow every outcome recorded: a run's, a
   * retry's of an incomplete range (its outcome holds every record of the range), a rerun's of a
   * complete one, and a dead run's settlement.
   */
  @Test
  void theRecordsOfEachHourFollowEveryOutcomeRecorded() {
    HourPartition next = new HourPartition(HOUR.start().plusHours(1));
    long first = store.startRun(HOUR, Instant.now(), List.of(ev(0, 50), ev(50, 100)), List.of());
    store.markRunning(first);
    store.finishRun(first, Instant.now(), List.of(new RangeOutcome(ev(0, 50), RangeState.COMPLETE, 50, 50, 0, ""),
        new RangeOutcome(ev(50, 100), RangeState.INCOMPLETE, 70, 20, 0, "max pull time")));
    assertThat(recordsPerHour(next)).isEqualTo(java.util.Map.of(HOUR, 70L));

    // a retry and a rerun are of the hour whose ranges they read again (IncompleteRetry, Rerun), run later
    long retry = store.startRerun(HOUR, Instant.now(), List.of(ev(50, 100)));
    store.finishRun(retry, Instant.now(), List.of(new RangeOutcome(ev(50, 100), RangeState.COMPLETE, 100, 50, 0, "")));
    assertThat(recordsPerHour(next)).as("the range's hour").isEqualTo(java.util.Map.of(HOUR, 100L));

    long rerun = store.startRerun(HOUR, Instant.now(), List.of(ev(0, 50)));
    store.finishRun(rerun, Instant.now(), List.of(new RangeOutcome(ev(0, 50), RangeState.COMPLETE, 50, 45, 5, "")));
    assertThat(recordsPerHour(next)).as("5 messages no longer decode").isEqualTo(java.util.Map.of(HOUR, 95L));

    long dead = store.startRun(next, Instant.now(), List.of(ev(100, 130)), List.of());
    store.markRunning(dead);
    store.settleDeadRanges(dead, Instant.now(), List.of(new RangeOutcome(ev(100, 130), RangeState.INCOMPLETE, 112, 12,
        0, "settled from committed output")));
    assertThat(recordsPerHour(next)).isEqualTo(java.util.Map.of(HOUR, 95L, next, 12L));
    assertThat(recordsPerHour(next)).as("as the ranges themselves sum up").isEqualTo(java.util.Map.of(
        HOUR, store.rangesOfHour(HOUR, "t").stream().mapToLong(RangeRecord::records).sum(),
        next, store.rangesOfHour(next, "t").stream().mapToLong(RangeRecord::records).sum()));
  }

  private java.util.Map<HourPartition, Long> recordsPerHour(HourPartition to) {
    return new org.kafkaetl.offsets.JdbcFleetBookkeeping(database).recordsPerHour(List.of("t"), HOUR, to).perTopic()
        .getOrDefault("t", java.util.Map.of());
  }

  @Test
  void aRunTakenForDeadCannotOverwriteWhatAnotherRunSettledOrReadsAgain() {
    long zombie = store.startRun(HOUR, Instant.now(), List.of(ev(0, 50), ev(50, 100)), List.of());
    store.markRunning(zombie);
    RangeOutcome zombieSaysComplete = new RangeOutcome(ev(0, 50), RangeState.COMPLETE, 50, 50, 0, "");

    // The next run took the zombie for dead: it settled one range and a rerun reads the other.
    store.settleDeadRanges(zombie, Instant.now(), List.of(
        new RangeOutcome(ev(0, 50), RangeState.INCOMPLETE, 0, 0, 0, "no committed output")));
    long rerun = store.startRerun(HOUR, Instant.now(), List.of(ev(50, 100)));

    assertThatThrownBy(() -> store.finishRun(zombie, Instant.now(), List.of(zombieSaysComplete)))
        .isInstanceOf(EtlException.class).hasMessageContaining("taken over by another run");
    assertThatThrownBy(() -> store.finishRun(zombie, Instant.now(), List.of(
        new RangeOutcome(ev(50, 100), RangeState.COMPLETE, 100, 50, 0, ""))))
        .isInstanceOf(EtlException.class).hasMessageContaining("1 of 1 ranges");
    assertThat(store.ranges(zombie)).extracting(RangeRecord::state)
        .containsExactly(RangeState.INCOMPLETE, RangeState.RUNNING);

    store.finishRun(rerun, Instant.now(), List.of(new RangeOutcome(ev(50, 100), RangeState.COMPLETE, 100, 50, 0, "")));
    assertThat(store.ranges(zombie)).extracting(RangeRecord::state)
        .containsExactly(RangeState.INCOMPLETE, RangeState.COMPLETE);
    store.markDied(zombie, Instant.now());
    assertThat(store.unfinishedRuns()).isEmpty();
  }

  @Test
  void settlingADeadRunLeavesTheSameOffsetsOfAnotherIncarnationAsTheyWere() {
    long dead = store.startRun(HOUR, Instant.now(), List.of(ev(0, 100)), List.of(), Map.of("t", "idBefore"));
    // the topic was deleted and created again: its new incarnation restarts at offset 0
    HourPartition next = new HourPartition(HOUR.start().plusHours(1));
    long current = store.startRun(next, Instant.now(), List.of(ev(0, 100)), List.of(), Map.of("t", "idAfter"));

    store.settleDeadRanges(dead, Instant.now(), List.of(new RangeOutcome(ev(0, 100), RangeState.COMPLETE, 100, 100, 0,
        "")));

    assertThat(store.ranges(dead)).extracting(RangeRecord::state).containsExactly(RangeState.COMPLETE);
    assertThat(store.ranges(current)).extracting(RangeRecord::state).containsExactly(RangeState.PLANNED);
  }

  /** The old incarnation's loss is its own: the new one, open over the same offsets, has lost nothing. */
  @Test
  void aDeadRunsLostOffsetsAreFiledUnderItsOwnIncarnation() throws Exception {
    long dead = store.startRun(HOUR, Instant.now(), List.of(ev(0, 100)), List.of(), Map.of("t", "idBefore"));
    HourPartition next = new HourPartition(HOUR.start().plusHours(1));
    long current = store.startRun(next, Instant.now(), List.of(ev(0, 100)), List.of(), Map.of("t", "idAfter"));

    store.settleDeadRanges(dead, Instant.now(), List.of(new RangeOutcome(ev(0, 100), RangeState.COMPLETE, 100, 60, 0,
        "", List.of(new OffsetRange(60, 100)))));

    assertThat(lostRows()).containsExactly("incarnation 0 [60, 100) run " + dead);
    store.finishRun(current, Instant.now(), List.of(new RangeOutcome(ev(0, 100), RangeState.COMPLETE, 100, 80, 0,
        "", List.of(new OffsetRange(0, 20)))));
    assertThat(lostRows()).containsExactly("incarnation 0 [60, 100) run " + dead,
        "incarnation 1 [0, 20) run " + current);
  }

  private List<String> lostRows() throws Exception {
    try (java.sql.Connection c = database.connect(); java.sql.ResultSet rs = c.createStatement().executeQuery(
        "SELECT incarnation, begin_offset, end_offset, run_id FROM etl_lost_ranges ORDER BY incarnation, begin_offset")) {
      List<String> rows = new java.util.ArrayList<>();
      while (rs.next()) {
        rows.add("incarnation " + rs.getInt(1) + " [" + rs.getLong(2) + ", " + rs.getLong(3) + ") run " + rs.getLong(4));
      }
      return rows;
    }
  }

  @Test
  void twoOutcomesOfOneRangeAreRefused() {
    long run = store.startRun(HOUR, Instant.now(), List.of(ev(0, 100)), List.of());
    RangeOutcome complete = new RangeOutcome(ev(0, 100), RangeState.COMPLETE, 100, 100, 0, "");

    assertThatThrownBy(() -> store.finishRun(run, Instant.now(), List.of(complete, complete)))
        .hasMessageContaining("two outcomes for range");
    assertThat(store.ranges(run)).extracting(RangeRecord::state).containsExactly(RangeState.PLANNED);
  }

  @Test
  void aRunTakenForDeadBeforeItsJobWasSubmittedCannotMarkItsRangesRunning() {
    long zombie = store.startRun(HOUR, Instant.now(), List.of(ev(0, 50), ev(50, 100)), List.of());
    // The next run took it for dead (its lock connection died) and settled both ranges.
    store.settleDeadRanges(zombie, Instant.now(), List.of(
        new RangeOutcome(ev(0, 50), RangeState.INCOMPLETE, 0, 0, 0, "no committed output"),
        new RangeOutcome(ev(50, 100), RangeState.INCOMPLETE, 50, 0, 0, "no committed output")));
    store.markDied(zombie, Instant.now());

    assertThatThrownBy(() -> store.markRunning(zombie))
        .isInstanceOf(org.kafkaetl.core.offsets.RunFencedException.class)
        .hasMessageContaining("run " + zombie).hasMessageContaining("submits no job");
    assertThat(store.ranges(zombie)).extracting(RangeRecord::state)
        .containsExactly(RangeState.INCOMPLETE, RangeState.INCOMPLETE);
  }

  /** Taken for dead between its last lock check and its submit: its driver must not keep the job. */
  @Test
  void aRunTakenForDeadAfterMarkingItsRangesRunningCannotRecordAJob() {
    long zombie = store.startRun(HOUR, Instant.now(), List.of(ev(0, 50)), List.of());
    store.markRunning(zombie);
    store.markDied(zombie, Instant.now());

    assertThatThrownBy(() -> store.recordJob(zombie, "job_1_0001"))
        .isInstanceOf(org.kafkaetl.core.offsets.RunFencedException.class)
        .hasMessageContaining("run " + zombie).hasMessageContaining("keeps no job");
    assertThat(store.unfinishedRuns()).extracting(org.kafkaetl.core.offsets.UnfinishedRun::runId)
        .doesNotContain(zombie);
  }

  @Test
  void aRunWhoseRangesAreReadByARerunCannotMarkThemRunning() {
    long zombie = store.startRun(HOUR, Instant.now(), List.of(ev(0, 50), ev(50, 100)), List.of());
    store.settleDeadRanges(zombie, Instant.now(), List.of(
        new RangeOutcome(ev(0, 50), RangeState.COMPLETE, 50, 50, 0, "")));
    long rerun = store.startRerun(HOUR, Instant.now(), List.of(ev(50, 100)));

    assertThatThrownBy(() -> store.markRunning(zombie))
        .isInstanceOf(org.kafkaetl.core.offsets.RunFencedException.class).hasMessageContaining("2 of 2 ranges");
    assertThat(store.ranges(zombie)).extracting(RangeRecord::state)
        .containsExactly(RangeState.COMPLETE, RangeState.RUNNING);
    store.finishRun(rerun, Instant.now(), List.of(new RangeOutcome(ev(50, 100), RangeState.COMPLETE, 100, 50, 0, "")));
  }

  @Test
  void aLockWhoseConnectionDiedIsNoLongerHeld(MariaDbFixture db) throws Exception {
    MySqlRunLock lock = new MySqlRunLock(database);
    try (RunLock.Held held = lock.tryAcquire("kafka-etl.hourly:/etl/work").orElseThrow()) {
      assertThat(held.stillHeld()).isTrue();
      killLockHolder(db, "kafka-etl.hourly:/etl/work");
      assertThat(held.stillHeld()).as("its connection was killed").isFalse();
      try (RunLock.Held other = lock.tryAcquire("kafka-etl.hourly:/etl/work").orElseThrow()) {
        assertThat(other.stillHeld()).isTrue();
        assertThat(held.stillHeld()).isFalse();
      }
    }
  }

  private void killLockHolder(MariaDbFixture db, String name) throws Exception {
    try (java.sql.Connection c = database.connect(); java.sql.PreparedStatement ps = c.prepareStatement(
        "SELECT IS_USED_LOCK(SHA1(CONCAT(DATABASE(), '|', ?)))")) {
      ps.setString(1, name);
      try (java.sql.ResultSet rs = ps.executeQuery(); java.sql.Connection root = db.connectAsRoot();
          java.sql.Statement kill = root.createStatement()) {
        rs.next();
        kill.execute("KILL CONNECTION " + rs.getLong(1));
      }
    }
  }

  @Test
  void unfinishedRangesAreThoseOfTheHoursAskedFor() {
    HourPartition weekBefore = new HourPartition(LocalDateTime.of(2026, 11, 14, 3, 0));
    HourPartition dayBefore = new HourPartition(LocalDateTime.of(2026, 11, 20, 22, 0));
    HourPartition covering = new HourPartition(LocalDateTime.of(2026, 11, 22, 0, 0));
    HourPartition afterCovering = new HourPartition(LocalDateTime.of(2026, 11, 22, 1, 0));
    store.startRun(weekBefore, Instant.now(), List.of(ev(0, 10)), List.of());
    long late = store.startRun(dayBefore, Instant.now(), List.of(ev(10, 20)), List.of());
    store.startRun(covering, Instant.now(), List.of(ev(20, 30)), List.of());
    store.startRun(afterCovering, Instant.now(), List.of(ev(30, 40)), List.of());
    HourPartition from = new HourPartition(LocalDateTime.of(2026, 11, 19, 0, 0));

    assertThat(store.unfinishedRanges("t", from, covering)).extracting(r -> r.event().range())
        .containsExactly(new OffsetRange(10, 20), new OffsetRange(20, 30));
    assertThat(store.unfinishedRanges("t", weekBefore, weekBefore)).extracting(r -> r.event().range())
        .containsExactly(new OffsetRange(0, 10));
    store.markRunning(late);
    store.finishRun(late, Instant.now(), List.of(new RangeOutcome(ev(10, 20), RangeState.COMPLETE, 20, 10, 0, "")));
    assertThat(store.unfinishedRanges("t", from, dayBefore)).isEmpty();
    assertThat(store.unfinishedRanges("other", weekBefore, afterCovering)).isEmpty();
  }

  @Test
  void theRunLockAdmitsOneHolderAndIsFreedWhenTheHolderLetsGo() {
    MySqlRunLock lock = new MySqlRunLock(database);
    Optional<RunLock.Held> held = lock.tryAcquire("kafka-etl.hourly:/etl/work");
    assertThat(held).isPresent();
    assertThat(lock.tryAcquire("kafka-etl.hourly:/etl/work")).isEmpty();
    assertThat(lock.tryAcquire("kafka-etl.hourly:/other/work")).isPresent().get().satisfies(RunLock.Held::close);
    held.get().close();
    Optional<RunLock.Held> again = lock.tryAcquire("kafka-etl.hourly:/etl/work");
    assertThat(again).isPresent();
    again.get().close();
  }

  private static KafkaEvent ev(long begin, long end) {
    return new KafkaEvent(TP, new OffsetRange(begin, end));
  }
  /** A failed push of a command's metrics is counted per Pushgateway job and command, across processes. */
  @Test
  void failedMetricsPushesAreCountedPerJobAndCommand() {
    org.kafkaetl.offsets.JdbcPushFailures failures = new org.kafkaetl.offsets.JdbcPushFailures(database);
    java.time.Instant at = java.time.Instant.parse("2026-11-21T03:05:00Z");

    assertThat(failures.total("kafka-etl", "run")).isZero();
    failures.add("kafka-etl", "run", at);
    failures.add("kafka-etl", "run", at.plusSeconds(3600));
    failures.add("kafka-etl", "merge", at);

    assertThat(new org.kafkaetl.offsets.JdbcPushFailures(database).total("kafka-etl", "run")).isEqualTo(2);
    assertThat(failures.total("kafka-etl", "merge")).isEqualTo(1);
    assertThat(failures.total("other-job", "run")).isZero();
  }
}
