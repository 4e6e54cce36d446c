package org.kafkaetl.it.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
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
import org.kafkaetl.it.support.StatementLog;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcAuditSource;
import org.kafkaetl.offsets.JdbcOffsetStore;

/**
 * What the audit reads on a real MariaDB to find the row before each partition's first in a window:
 * the hour before the window, and further back only for partitions that can have a row there.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class AuditRowBeforeIT {
  private static final Map<String, String> IDS = Map.of("t", "A");
  /** The marker of the walk back's statements, a day of rows of some partitions each. */
  private static final String WALK_BACK = "kafka_partition BETWEEN";

  private Database database;
  private JdbcOffsetStore store;

  @BeforeEach
  void freshDatabase(MariaDbFixture db) throws Exception {
    String name = EtlTestEnvironment.uniqueName("rowbefore").replaceAll("[^a-zA-Z0-9_]", "_");
    db.createDatabase(name);
    database = new Database(db.jdbcUrl(name) + StatementLog.URL_PARAMETER, db.user(), db.password());
    database.migrate();
    store = new JdbcOffsetStore(database);
  }

  /**
   * A month of history: p0 read since its first day, continuing into the window; p1 and p2 first
   * seen in the window (p2 at a later offset: Kafka had deleted the rest, or a new partition starting
   * at latest). Their first rows begin where they start, so no row can come before them.
   */
  @Test
  void partitionsWhoseFirstRowBeginsAtTheirStartAreNotLookedForInTheDaysBefore() {
    HourPartition oldest = new HourPartition(LocalDateTime.of(2026, 10, 1, 0, 0));
    HourPartition window = new HourPartition(LocalDateTime.of(2026, 10, 31, 5, 0));
    store.recordStarts(Map.of(tp(0), 0L), IDS);
    run(oldest, ev(0, 0, 10));
    run(window.previous(), ev(0, 10, 20));
    store.recordStarts(Map.of(tp(1), 0L, tp(2), 500L), IDS);
    run(window, ev(0, 20, 30), ev(1, 0, 5), ev(2, 500, 510));

    StatementLog.clear();
    Map<Integer, Long> ends = new JdbcAuditSource(database).endsBefore("t", 0, window, Map.of(0, 20L, 1, 0L, 2, 500L));

    assertThat(ends).as("p0 continues the hour before; p1 and p2 have no row before").containsExactlyEntriesOf(
        Map.of(0, 20L));
    assertThat(StatementLog.containing(WALK_BACK)).as("statements walking back through the month's days")
        .isEmpty();
  }

  /** A partition that was idle for days is still found where its last row is, days back. */
  @Test
  void aPartitionIdleForDaysIsFoundByTheWalkBack() {
    HourPartition window = new HourPartition(LocalDateTime.of(2026, 10, 31, 5, 0));
    store.recordStarts(Map.of(tp(0), 0L, tp(1), 0L), IDS);
    run(new HourPartition(LocalDateTime.of(2026, 10, 28, 5, 0)), ev(0, 0, 10), ev(1, 0, 7));
    run(window.previous(), ev(0, 10, 20));
    run(window, ev(0, 20, 30), ev(1, 7, 9));

    StatementLog.clear();
    Map<Integer, Long> ends = new JdbcAuditSource(database).endsBefore("t", 0, window, Map.of(0, 20L, 1, 7L));

    assertThat(ends).containsExactlyInAnyOrderEntriesOf(Map.of(0, 20L, 1, 7L));
    assertThat(StatementLog.containing(WALK_BACK)).as("one statement per day back to the idle partition's row")
        .hasSize(3);
  }

  /** A run of {@code hour} whose ranges all complete. */
  private void run(HourPartition hour, KafkaEvent... planned) {
    long run = store.startRun(hour, Instant.now(), List.of(planned), List.of(), IDS);
    store.markRunning(run);
    List<RangeOutcome> outcomes = new ArrayList<>();
    for (KafkaEvent e : planned) {
      outcomes.add(new RangeOutcome(e, RangeState.COMPLETE, e.range().end(), e.range().count(), 0, ""));
    }
    store.finishRun(run, Instant.now(), outcomes);
  }

  private static TopicPartition tp(int partition) {
    return TopicPartition.of("t", partition);
  }

  private static KafkaEvent ev(int partition, long begin, long end) {
    return new KafkaEvent(tp(partition), new OffsetRange(begin, end));
  }
}
