package org.kafkaetl.it.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.merge.HourlyFile;
import org.kafkaetl.core.merge.LedgerEntry;
import org.kafkaetl.core.merge.MergeLedger;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.fixtures.MariaDbFixture;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcMergeLedger;

/** The merge ledger's epochs on a real MariaDB: a merge overtaken by the next holder of the lock records nothing. */
@ExtendWith(EtlEnvironmentExtension.class)
class MergeLedgerIT {
  private static final HourPartition HOUR = new HourPartition(LocalDateTime.of(2026, 11, 21, 3, 0));
  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

  private Database database;
  private JdbcMergeLedger ledger;

  @BeforeEach
  void freshDatabase(MariaDbFixture db) throws Exception {
    String name = EtlTestEnvironment.uniqueName("ml").replaceAll("[^a-zA-Z0-9_]", "_");
    db.createDatabase(name);
    database = new Database(db.jdbcUrl(name), db.user(), db.password());
    database.migrate();
    ledger = new JdbcMergeLedger(database);
  }

  @Test
  void aMergeOvertakenByTheNextEpochRecordsNothingWhileTheNextOneDoes() {
    MergeLedger first = ledger.newEpoch("t");
    first.record(List.of(entry("t", 0, 0, 10)));
    MergeLedger second = ledger.newEpoch("t");

    assertThatThrownBy(() -> first.record(List.of(entry("t", 0, 10, 20))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("was overtaken");
    assertThatThrownBy(() -> first.replace("t", DAY, 0, List.of()))
        .hasMessageContaining("was overtaken");
    assertThatThrownBy(() -> first.dayMerged("t", DAY, Instant.now(), false))
        .hasMessageContaining("was overtaken");
    assertThat(ledger.entries("t", DAY)).extracting(e -> e.hourly().event().range().end()).containsExactly(10L);

    second.record(List.of(entry("t", 0, 10, 20)));
    ledger.newEpoch("u").record(List.of(entry("u", 0, 0, 5)));
    second.dayMerged("t", DAY, Instant.now(), false);
    assertThat(ledger.entries("t", DAY)).hasSize(2);
  }

  @Test
  void theNextEpochBeginsOnlyAfterAWriteInFlightHasCommitted() throws Exception {
    ledger.newEpoch("t");
    try (Connection inFlight = database.connect()) {
      // what a write of the current epoch holds until it commits
      inFlight.setAutoCommit(false);
      try (PreparedStatement ps = inFlight.prepareStatement(
          "SELECT epoch FROM etl_merge_epochs WHERE topic = 't' LOCK IN SHARE MODE")) {
        ps.executeQuery().close();
      }
      CompletableFuture<MergeLedger> next = CompletableFuture.supplyAsync(() -> ledger.newEpoch("t"));
      assertThatThrownBy(() -> next.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
      inFlight.commit();
      assertThat(next.get(30, TimeUnit.SECONDS)).isNotNull();
    }
  }

  private static LedgerEntry entry(String topic, int partition, long begin, long end) {
    KafkaEvent event = new KafkaEvent(TopicPartition.of(topic, partition), new OffsetRange(begin, end));
    HourlyFile hourly = new HourlyFile(event, HOUR, DAY, "/work/" + topic + "." + begin + ".avro");
    return new LedgerEntry(hourly, "/warehouse/" + topic + ".0.avro", 0, "id", begin, end, end - begin, Instant.now());
  }
}
