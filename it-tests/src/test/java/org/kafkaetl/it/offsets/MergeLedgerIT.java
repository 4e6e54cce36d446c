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
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.status.TopicHour;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.offsets.JdbcFleetBookkeeping;
import org.kafkaetl.offsets.JdbcOffsetStore;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.merge.HourlyFile;
import org.kafkaetl.core.merge.LedgerEntry;
import org.kafkaetl.core.merge.MergeLedger;
import org.kafkaetl.core.merge.MergedHourlyFile;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.fixtures.KafkaFixture;
import org.kafkaetl.it.fixtures.MariaDbFixture;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcMergeLedger;

/**
 * The merge ledger on a real MariaDB: a merge overtaken by the next holder of the lock records
 * nothing; what the fleet view reads of it and of etl_offsets, and what status and audit print.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class MergeLedgerIT {
  private static final HourPartition HOUR = new HourPartition(LocalDateTime.of(2026, 11, 21, 3, 0));
  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  private static final HourPartition DAY_START = new HourPartition(DAY.atStartOfDay());
  private static final HourPartition DAY_END = new HourPartition(DAY.atTime(23, 0));

  private String databaseName;
  private Database database;
  private JdbcMergeLedger ledger;

  @BeforeEach
  void freshDatabase(MariaDbFixture db) throws Exception {
    databaseName = EtlTestEnvironment.uniqueName("ml").replaceAll("[^a-zA-Z0-9_]", "_");
    db.createDatabase(databaseName);
    database = new Database(db.jdbcUrl(databaseName), db.user(), db.password());
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
    return ledgerEntry(HOUR, topic, partition, begin, end);
  }

  /**
   * The fleet view's bookkeeping: per topic and hour with ranges, the rows that did not land whole,
   * and, for an hour none of whose files the ledger holds, the partitions with landed records; topics
   * not asked for and hours outside the window are left out.
   */
  @Test
  void theFleetViewCountsEachTopicsHoursAndFindsRangesNotMerged() {
    landFleetHistory();

    List<TopicHour> hours = new JdbcFleetBookkeeping(database).read(List.of("t", "u"), DAY_START, DAY_END);

    assertThat(hours).extracting(h -> h.topic() + "@" + h.hour() + " unmerged " + h.unmergedPartitions() + " "
        + h.state()).containsExactlyInAnyOrder(
        "t@2026112103 unmerged [] INCOMPLETE",
        "t@2026112104 unmerged [] MERGED",
        "t@2026112105 unmerged [0] UNMERGED",
        "t@2026112106 unmerged [] MERGED",
        "u@2026112103 unmerged [] LOST");
    TopicHour t03 = hours.stream().filter(h -> h.topic().equals("t") && h.hour().equals(HOUR)).findFirst().orElseThrow();
    assertThat(t03.notComplete()).extracting(r -> r.event().partition().partition() + " " + r.state())
        .containsExactly("2 INCOMPLETE");

    org.kafkaetl.core.status.FleetRecords records = new JdbcFleetBookkeeping(database)
        .recordsPerHour(List.of("t", "u"), DAY_START, DAY_END);
    assertThat(records.perTopic()).as("every range counted, the incomplete one with what it read; an hour whose"
        + " ranges hold no record reads as 0").isEqualTo(Map.of(
        "t", Map.of(HOUR, 74L, new HourPartition(HOUR.start().plusHours(1)), 10L, new HourPartition(HOUR.start().plusHours(2)), 10L)));
    assertThat(records.of("u", HOUR)).hasValue(0L);
  }

  /** The lag each hour's commands measured: the latest of an hour wins; topics not asked for are left out. */
  @Test
  void theLagOfEachHourIsKeptPerTopicTheLatestMeasurementWinning() {
    org.kafkaetl.offsets.JdbcLagHistory history = new org.kafkaetl.offsets.JdbcLagHistory(database);
    HourPartition h04 = new HourPartition(HOUR.start().plusHours(1));
    history.record(HOUR, Instant.now(), lag(Map.of("t", 40L, "u", 3L)));
    history.record(HOUR, Instant.now(), lag(Map.of("t", 12L)));
    history.record(h04, Instant.now(), lag(Map.of("t", 0L, "other", 9L)));
    history.record(h04, Instant.now(), org.kafkaetl.core.status.FleetLag.NOT_MEASURED);

    assertThat(history.read(List.of("t", "u"), DAY_START, DAY_END).messages()).isEqualTo(Map.of(
        "t", Map.of(HOUR, 12L, h04, 0L), "u", Map.of(HOUR, 3L)));
    assertThat(history.read(List.of("t"), h04, DAY_END).messages()).isEqualTo(Map.of("t", Map.of(h04, 0L)));
  }

  private static org.kafkaetl.core.status.FleetLag lag(Map<String, Long> behind) {
    Map<String, org.kafkaetl.core.status.FleetLag.TopicLag> topics = new java.util.HashMap<>();
    behind.forEach((t, n) -> topics.put(t, new org.kafkaetl.core.status.FleetLag.TopicLag(t, n, 0, n > 0 ? 1 : 0)));
    return new org.kafkaetl.core.status.FleetLag(topics, List.of());
  }

  /** What a day's status reads: one topic's ranges of several hours at once, and only its merged files. */
  @Test
  void aDaysRangesAndMergedFilesAreReadForOneTopicAtOnce() {
    landFleetHistory();
    ledger.newEpoch("other").record(List.of(entry("other", 0, 0, 5)));
    HourPartition h05 = new HourPartition(HOUR.start().plusHours(2));

    assertThat(new JdbcOffsetStore(database).rangesOfHours("t", HOUR, h05))
        .extracting(r -> r.hour() + "/" + r.event().partition().partition() + "@" + r.event().range().begin())
        .containsExactly("2026112103/0@0", "2026112103/1@0", "2026112103/2@0", "2026112104/0@50", "2026112105/0@60",
            "2026112105/1@20");
    assertThat(ledger.mergedHourlyFiles("t", DAY_START, DAY_END).keySet()).containsExactlyInAnyOrder(
        "/work/t.0.avro", "/work/t.50.avro");
    assertThat(ledger.mergedHourlyFiles("t", h05, DAY_END)).isEmpty();
    assertThat(ledger.mergedHourlyFiles(HOUR).keySet()).as("an hour's files of every topic")
        .containsExactlyInAnyOrder("/work/t.0.avro", "/work/other.0.avro");
  }

  /**
   * Each merged hourly file's modification time as the merge listed it (V26) is kept to the
   * millisecond, read back with its entry and with the hour's merged files, and replaced by a
   * rebuild's; a row recorded without one (as before V26) reads back without one.
   */
  @Test
  void eachMergedHourlyFilesModificationTimeIsKeptAndRowsWithoutOneReadBackWithout() throws Exception {
    Instant listed = Instant.parse("2026-11-21T04:10:11.123Z");
    LedgerEntry timed = entry("t", 0, 0, 10);
    timed = new LedgerEntry(timed.hourly().withModifiedAt(listed), timed.dailyPath(), timed.part(),
        timed.dailyFileId(), timed.byteBegin(), timed.byteEnd(), timed.records(), timed.mergedAt());
    MergeLedger merge = ledger.newEpoch("t");
    merge.record(List.of(timed, entry("t", 0, 10, 20)));

    assertThat(ledger.entries("t", DAY)).extracting(e -> e.hourly().modifiedAt()).containsExactly(listed, null);
    Map<String, MergedHourlyFile> ofHour = ledger.mergedHourlyFiles(HOUR);
    assertThat(ofHour.get("/work/t.0.avro").modifiedAtMerge()).isEqualTo(listed);
    assertThat(ofHour.get("/work/t.0.avro").writtenAgain(listed)).isFalse();
    assertThat(ofHour.get("/work/t.0.avro").writtenAgain(listed.plusMillis(1))).isTrue();
    assertThat(ofHour.get("/work/t.10.avro").modifiedAtMerge()).as("recorded without it").isNull();
    assertThat(ledger.mergedHourlyFiles("t", DAY_START, DAY_END)).isEqualTo(ofHour);

    Instant rebuilt = listed.plusSeconds(3600);
    merge.replace("t", DAY, 0, ledger.entries("t", DAY).stream().map(e -> new LedgerEntry(
        e.hourly().withModifiedAt(rebuilt), e.dailyPath(), e.part(), e.dailyFileId(), e.byteBegin(), e.byteEnd(),
        e.records(), e.mergedAt())).toList());
    assertThat(ledger.mergedHourlyFiles(HOUR).values()).extracting(MergedHourlyFile::modifiedAtMerge)
        .containsOnly(rebuilt);
  }

  /**
   * status (every topic, one topic's grid, JSON) and audit as a person runs them: in a process of
   * their own, whose output must reach stdout before the JVM exits.
   */
  @Test
  void statusAndAuditPrintWhatTheyFoundFromTheirOwnProcess(MariaDbFixture db, KafkaFixture kafka, @TempDir Path dir)
      throws Exception {
    landFleetHistory();
    // Kafka holds 100 messages in t-0, whose planned ranges end at 80 (lag 20), and t-2's incomplete
    // range read 4 of its 10 (lag 6); topic u is not in Kafka, so its lag is not known.
    kafka.createTopic("t", 3);
    for (int i = 0; i < 100; i++) {
      kafka.produce("t", 0, null, new byte[] {1});
    }
    kafka.flush();
    EtlCli cli = new EtlCli(new Configuration(), dir, Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
        "db.url", db.jdbcUrl(databaseName), "db.user", db.user(), "db.password", db.password(), "etl.topics", "t,u",
        "etl.work.root", dir.resolve("work").toString(), "etl.warehouse.root", dir.resolve("warehouse").toString()));
    java.nio.file.Files.createDirectories(dir.resolve("work/2026112105/t/2026-11-20"));
    java.nio.file.Files.createDirectories(dir.resolve("warehouse/u/2026-11-21"));
    java.nio.file.Files.writeString(dir.resolve("warehouse/u/2026-11-21/_COMPLETE"), "{}");
    String rerun = "rerun --topic t --partition 2 --hour 2026112103 --config " + cli.configFile();

    EtlCli.Result grid = cli.runAsProcess("status", "--topic", "t", "--date", "2026-11-21");
    assertThat(grid.exitCode()).as(grid.toString()).isEqualTo(3);
    assertThat(grid.out()).as(grid.toString()).contains("topic t, 2026-11-21").contains(rerun);

    EtlCli.Result fleet = cli.runAsProcess("status", "--date", "2026-11-21");
    assertThat(fleet.exitCode()).as(fleet.toString()).isEqualTo(3);
    assertThat(fleet.out().lines()).as(fleet.toString())
        .anySatisfy(line -> assertThat(line.split("\\s+")).startsWith("t", "2", "1", "0", "1", "0", "20", "26")
            .endsWith("2026112106", "-").hasSize(11)
            .satisfies(columns -> assertThat(Long.parseLong(columns[8])).as("oldest (s)").isBetween(0L, 600L)))
        .anySatisfy(line -> assertThat(line.split("\\s+")).containsExactly("u", "0", "0", "1", "0", "0", "23",
            "?", "?", "2026112103", "2026-11-21"));
    assertThat(fleet.out()).contains("lag: topic u: does not exist in Kafka, so its lag is not known");
    assertThat(fleet.out()).contains(rerun)
        .contains("merge --topic t --date 2026-11-20 --config " + cli.configFile());

    EtlCli.Result json = cli.runAsProcess("status", "--date", "2026-11-21", "--json");
    assertThat(json.exitCode()).as(json.toString()).isEqualTo(3);
    com.fasterxml.jackson.databind.JsonNode doc = onlyDocument(json);
    assertThat(doc.path("topics").get(0).path("hours").path("incomplete").asInt()).isEqualTo(1);
    assertThat(doc.path("actions").get(0).path("command").asText()).endsWith(rerun);
    assertThat(doc.path("topics").get(0).path("lag").path("messagesBehind").asLong()).isEqualTo(26);
    assertThat(doc.path("topics").get(0).path("lag").path("partitionsBehind").asInt()).isEqualTo(2);
    assertThat(doc.path("topics").get(0).path("lag").path("oldestSeconds").asLong())
        .as("t-0's first message not landed, at offset 80, was produced just now").isBetween(0L, 600L);
    assertThat(doc.path("topics").get(1).path("lag").isNull()).isTrue();

    Path page = dir.resolve("fleet.html");
    EtlCli.Result html = cli.runAsProcess("status", "--date", "2026-11-21", "--html", page.toString());
    assertThat(html.exitCode()).as(html.toString()).isEqualTo(3);
    assertThat(html.out()).contains("wrote " + page.toAbsolutePath());
    assertThat(page).content().contains(org.kafkaetl.core.status.FleetPage.FORMAT)
        .contains("\"topic\":\"t\",\"actions\":2,\"records\":[0,0,0,74,10,10,0,")
        .contains("<tr data-topic=\"t\"><td>t</td><td>26</td><td>20</td><td>6</td><td>2</td><td>");

    EtlCli.Result audit = cli.runAsProcess("audit", "--topic", "t", "--from", "2026112104");
    assertThat(audit.exitCode()).as(audit.toString()).isEqualTo(3);
    assertThat(audit.out()).as(audit.toString()).contains("audit t");

    EtlCli.Result unknown = cli.runAsProcess("status", "--topic", "nope", "--date", "2026-11-21");
    assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
    assertThat(unknown.err()).contains("topic 'nope' is not in etl.topics");

    // --json: stdout is exactly one document (the log on stderr), with the exit code of the text view
    EtlCli.Result gridJson = cli.runAsProcess("status", "--topic", "t", "--date", "2026-11-21", "--json");
    assertThat(gridJson.exitCode()).as(gridJson.toString()).isEqualTo(3);
    com.fasterxml.jackson.databind.JsonNode day = onlyDocument(gridJson);
    assertThat(day.path("format").asText()).isEqualTo("kafka-etl.status.topic.v1");
    assertThat(day.path("needsAction").asBoolean()).isTrue();
    assertThat(day.path("cells").path("incomplete").asInt()).isPositive();
    assertThat(day.path("ranges")).anySatisfy(r -> assertThat(r.path("state").asText()).isEqualTo("INCOMPLETE"));
    assertThat(day.path("actions")).anySatisfy(a -> assertThat(a.path("command").asText()).endsWith(rerun));

    EtlCli.Result auditJson = cli.runAsProcess("audit", "--topic", "t", "--from", "2026112104", "--json");
    assertThat(auditJson.exitCode()).as(auditJson.toString()).isEqualTo(3);
    com.fasterxml.jackson.databind.JsonNode audited = onlyDocument(auditJson);
    assertThat(audited.path("format").asText()).isEqualTo("kafka-etl.audit.v1");
    assertThat(audited.path("clean").asBoolean()).isFalse();
    assertThat(audited.path("verdict").asText()).startsWith("audit t 2026112104-2026112104: ");
    assertThat(audited.path("problems")).isNotEmpty();

    EtlCli.Result cleanupJson = cli.runAsProcess("cleanup", "--older-than", "1", "--dry-run", "--json");
    assertThat(cleanupJson.exitCode()).as(cleanupJson.toString()).isZero();
    com.fasterxml.jackson.databind.JsonNode cleanup = onlyDocument(cleanupJson);
    assertThat(cleanup.path("format").asText()).isEqualTo("kafka-etl.cleanup.v1");
    assertThat(cleanup.path("dryRun").asBoolean()).isTrue();
    assertThat(cleanup.path("hourDirectories")).anySatisfy(h -> {
      assertThat(h.path("path").asText()).endsWith("2026112105");
      assertThat(h.path("reason").asText()).isNotBlank();
    });
    assertThat(cleanup.path("lines").get(cleanup.path("lines").size() - 1).asText()).startsWith("would delete ");

    EtlCli.Result unknownJson = cli.runAsProcess("status", "--topic", "nope", "--date", "2026-11-21", "--json");
    assertThat(unknownJson.exitCode()).as(unknownJson.toString()).isEqualTo(2);
    assertThat(onlyDocument(unknownJson).path("format").asText()).isEqualTo("kafka-etl.error.v1");
    assertThat(onlyDocument(unknownJson).path("error").asText()).contains("topic 'nope' is not in etl.topics");
  }

  /** Stdout as exactly one JSON document: anything before or after it fails the parse. */
  private static com.fasterxml.jackson.databind.JsonNode onlyDocument(EtlCli.Result result) throws Exception {
    assertThat(result.out()).as(result.toString()).startsWith("{").endsWith("}\n");
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(result.out());
  }

  /**
   * Hour 03 of t: partition 0 landed and merged, 1 landed (an hour partly merged counts as merged
   * here), 2 incomplete; hour 04 landed and merged; hour 05 landed, none of it merged; hour 06 landed
   * nothing to merge (no records); hour 03 of u: a range Kafka deleted before it was read; and an
   * unconfigured topic, and an hour outside the window, that must not show.
   */
  private void landFleetHistory() {
    JdbcOffsetStore store = new JdbcOffsetStore(database);
    land(store, HOUR, List.of(ev("t", 0, 0, 50), ev("t", 1, 0, 20), ev("t", 2, 0, 10), ev("other", 0, 0, 5)),
        List.of(ev("u", 0, 0, 5)), List.of(
            new RangeOutcome(ev("t", 0, 0, 50), RangeState.COMPLETE, 50, 50, 0, ""),
            new RangeOutcome(ev("t", 1, 0, 20), RangeState.COMPLETE, 20, 20, 0, ""),
            new RangeOutcome(ev("t", 2, 0, 10), RangeState.INCOMPLETE, 4, 4, 0, "no progress for 30 s"),
            new RangeOutcome(ev("other", 0, 0, 5), RangeState.INCOMPLETE, 0, 0, 0, "")));
    HourPartition h04 = new HourPartition(HOUR.start().plusHours(1));
    land(store, h04, List.of(ev("t", 0, 50, 60)), List.of(),
        List.of(new RangeOutcome(ev("t", 0, 50, 60), RangeState.COMPLETE, 60, 10, 0, "")));
    land(store, new HourPartition(HOUR.start().plusHours(2)), List.of(ev("t", 0, 60, 70), ev("t", 1, 20, 25)), List.of(),
        List.of(new RangeOutcome(ev("t", 0, 60, 70), RangeState.COMPLETE, 70, 10, 0, ""),
            new RangeOutcome(ev("t", 1, 20, 25), RangeState.COMPLETE, 25, 0, 0, "")));
    land(store, new HourPartition(HOUR.start().plusHours(3)), List.of(ev("t", 1, 25, 30)), List.of(),
        List.of(new RangeOutcome(ev("t", 1, 25, 30), RangeState.COMPLETE, 30, 0, 0, "")));
    long nextDay = store.startRun(new HourPartition(DAY_END.start().plusHours(1)), Instant.now(),
        List.of(ev("t", 0, 70, 80)), List.of());
    store.markRunning(nextDay);
    ledger.newEpoch("t").record(List.of(entry("t", 0, 0, 50), ledgerEntry(h04, "t", 0, 50, 60)));
  }

  private static void land(JdbcOffsetStore store, HourPartition hour, List<KafkaEvent> planned, List<KafkaEvent> lost,
      List<RangeOutcome> outcomes) {
    long run = store.startRun(hour, Instant.now(), planned, lost);
    store.markRunning(run);
    store.finishRun(run, Instant.now(), outcomes);
  }

  private static LedgerEntry ledgerEntry(HourPartition hour, String topic, int partition, long begin, long end) {
    KafkaEvent event = ev(topic, partition, begin, end);
    HourlyFile hourly = new HourlyFile(event, hour, DAY, "/work/" + topic + "." + begin + ".avro");
    return new LedgerEntry(hourly, "/warehouse/" + topic + ".0.avro", 0, "id", begin, end, end - begin, Instant.now());
  }

  private static KafkaEvent ev(String topic, int partition, long begin, long end) {
    return new KafkaEvent(TopicPartition.of(topic, partition), new OffsetRange(begin, end));
  }
}
