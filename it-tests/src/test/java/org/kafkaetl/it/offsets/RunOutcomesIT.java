package org.kafkaetl.it.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.fixtures.MariaDbFixture;
import org.kafkaetl.it.support.StatementLog;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcOffsetStore;

/**
 * How a run's outcomes reach etl_offsets on a real MariaDB: whole ranges (every offset read as a
 * record) by one statement for the run's rows, every other outcome row by row, and each row as its
 * outcome says either way.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class RunOutcomesIT {
  private static final HourPartition HOUR = new HourPartition(LocalDateTime.of(2026, 12, 8, 3, 0));

  private Database database;
  private JdbcOffsetStore store;

  @BeforeEach
  void freshDatabase(MariaDbFixture db) throws Exception {
    String name = EtlTestEnvironment.uniqueName("outcomes").replaceAll("[^a-zA-Z0-9_]", "_");
    db.createDatabase(name);
    database = new Database(db.jdbcUrl(name) + StatementLog.URL_PARAMETER, db.user(), db.password());
    database.migrate();
    store = new JdbcOffsetStore(database);
  }

  /**
   * 6 000 ranges read whole cost one statement, not upserts carrying every row's values (two
   * batches of them before): at 100 000 partitions the per-row statements were most of `finishRun`.
   */
  @Test
  void aRunOfWholeRangesRecordsThemWithOneStatementWhateverTheirNumber() {
    List<KafkaEvent> planned = new ArrayList<>();
    for (int p = 0; p < 6_000; p++) {
      planned.add(ev(p, 100, 100 + p % 7 + 1));
    }
    long run = store.startRun(HOUR, Instant.now(), planned, List.of());
    store.markRunning(run);

    StatementLog.clear();
    store.finishRun(run, Instant.now(), planned.stream().map(RunOutcomesIT::whole).toList());

    // counts only: a failure would print 6 000 rows' values
    assertThat(StatementLog.containing("INTO etl_offsets").size()).as("upserts of outcomes").isZero();
    assertThat(StatementLog.containing("UPDATE etl_offsets").size()).as("statements changing the run's rows")
        .isEqualTo(1);
    assertThat(store.ranges(run)).hasSize(6_000).allSatisfy(r -> {
      assertThat(r.state()).isEqualTo(RangeState.COMPLETE);
      assertThat(r.reached()).isEqualTo(r.event().range().end());
      assertThat(r.records()).isEqualTo(r.event().range().end() - r.event().range().begin());
      assertThat(r.decodeErrors()).isZero();
      assertThat(r.detail()).isEmpty();
      assertThat(r.attempts()).isEqualTo(1);
    });
  }

  /**
   * One run with every kind of outcome: whole; complete with fewer records than offsets (a
   * transactional topic's markers); complete with decode errors; incomplete; lost in part. Each row
   * holds what its outcome says, attempts count once, and the hour's records are their sum.
   */
  @Test
  void aRunMixingWholeRangesWithOtherOutcomesRecordsEachAsItsOutcomeSays() {
    List<KafkaEvent> planned = List.of(ev(0, 0, 10), ev(1, 0, 10), ev(2, 0, 10), ev(3, 0, 10), ev(4, 0, 10));
    long run = store.startRun(HOUR, Instant.now(), planned, List.of());
    store.markRunning(run);

    store.finishRun(run, Instant.now(), List.of(whole(planned.get(0)),
        new RangeOutcome(planned.get(1), RangeState.COMPLETE, 10, 8, 0, ""),
        new RangeOutcome(planned.get(2), RangeState.COMPLETE, 10, 7, 3, ""),
        new RangeOutcome(planned.get(3), RangeState.INCOMPLETE, 6, 6, 0, "max pull time"),
        new RangeOutcome(planned.get(4), RangeState.LOST, 10, 6, 0, "deleted by retention",
            List.of(new OffsetRange(0, 4)))));

    assertThat(store.ranges(run)).extracting(r -> r.event().partition().partition(), RangeRecord::state,
        RangeRecord::reached, RangeRecord::records, RangeRecord::decodeErrors, RangeRecord::detail,
        RangeRecord::attempts).containsExactly(
            tuple(0, RangeState.COMPLETE, 10L, 10L, 0L, "", 1),
            tuple(1, RangeState.COMPLETE, 10L, 8L, 0L, "", 1),
            tuple(2, RangeState.COMPLETE, 10L, 7L, 3L, "", 1),
            tuple(3, RangeState.INCOMPLETE, 6L, 6L, 0L, "max pull time", 1),
            tuple(4, RangeState.LOST, 10L, 6L, 0L, "deleted by retention", 1));
    assertThat(store.lostRanges("t")).extracting(KafkaEvent::range).containsExactly(new OffsetRange(0, 4));
    assertThat(new org.kafkaetl.offsets.JdbcFleetBookkeeping(database)
        .recordsPerHour(List.of("t"), HOUR, new HourPartition(HOUR.start().plusHours(1))).perTopic().get("t")).containsEntry(HOUR, 37L);
  }

  /** A range the run has no outcome for stays open: the statement for whole ranges names open rows. */
  @Test
  void aRangeWithoutAnOutcomeStaysOpenBesideWholeRanges() {
    List<KafkaEvent> planned = List.of(ev(0, 0, 10), ev(1, 0, 10), ev(2, 0, 10));
    long run = store.startRun(HOUR, Instant.now(), planned, List.of());
    store.markRunning(run);

    store.finishRun(run, Instant.now(), List.of(whole(planned.get(0)), whole(planned.get(2))));

    assertThat(store.ranges(run)).extracting(r -> r.event().partition().partition(), RangeRecord::state,
        RangeRecord::records).containsExactly(tuple(0, RangeState.COMPLETE, 10L), tuple(1, RangeState.RUNNING, 0L),
            tuple(2, RangeState.COMPLETE, 10L));
  }

  /** The state has one width, so an outcome overwrites a row in place rather than moving it (V33). */
  @Test
  void theStateColumnHasOneWidth() throws Exception {
    try (Connection c = database.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT data_type, character_set_name FROM information_schema.columns"
            + " WHERE table_schema = DATABASE() AND table_name = 'etl_offsets' AND column_name = 'state'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("char");
      assertThat(rs.getString(2)).isEqualTo("ascii");
    }
  }

  private static RangeOutcome whole(KafkaEvent e) {
    return new RangeOutcome(e, RangeState.COMPLETE, e.range().end(), e.range().end() - e.range().begin(), 0, "");
  }

  private static KafkaEvent ev(int partition, long begin, long end) {
    return new KafkaEvent(TopicPartition.of("t", partition), new OffsetRange(begin, end));
  }
}
