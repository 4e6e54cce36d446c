package org.kafkaetl.hive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.hadoop.fs.FileSystem;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.config.HiveRegisterWhen;
import org.kafkaetl.core.config.HiveSettings;
import org.kafkaetl.core.layout.WarehouseLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DayPublisherTest {
  static final Schema V1 = SchemaBuilder.record("Click").namespace("t").fields().requiredLong("id").endRecord();
  static final Schema V2 = SchemaBuilder.record("Click").namespace("t").fields().requiredLong("id")
      .optionalString("page").endRecord();
  static final LocalDate DAY1 = LocalDate.parse("2026-12-01");
  static final LocalDate DAY2 = LocalDate.parse("2026-12-02");

  @TempDir
  Path warehouse;
  final InMemoryCatalog catalog = new InMemoryCatalog();
  final InMemoryRegistry registry = new InMemoryRegistry();
  final List<Alert> alerts = new ArrayList<>();
  Instant now = Instant.parse("2026-12-03T01:00:00Z");

  @BeforeEach
  void dayOne() throws IOException {
    dailyFile(DAY1, "clicks.0.avro", V1, 3);
  }

  @Test
  void aCompleteDayCreatesTheTableAndAddsItsPartitionOnce() throws IOException {
    marker(DAY1, 1, 3);
    assertThat(publisher(HiveRegisterWhen.COMPLETE).publish("clicks", DAY1).result()).isEqualTo(DayPublisher.Result.REGISTERED);

    CatalogTable table = catalog.tables.get("etl.clicks");
    assertThat(table.external()).isTrue();
    assertThat(table.location()).isEqualTo("file:" + warehouse.resolve("clicks"));
    assertThat(table.serde()).isEqualTo("org.apache.hadoop.hive.serde2.avro.AvroSerDe");
    assertThat(table.partitionColumns()).containsExactly(new CatalogTable.Column("dt", "string"));
    assertThat(table.columns()).containsExactly(new CatalogTable.Column("id", "bigint"));
    assertThat(new Schema.Parser().parse(table.avroSchema())).isEqualTo(V1);
    CatalogPartition p = catalog.partitions.get("etl.clicks/2026-12-01");
    assertThat(p.location()).isEqualTo("file:" + warehouse.resolve("clicks/2026-12-01"));
    assertThat(p.parameters()).containsAllEntriesOf(Map.of("kafka-etl.complete", "true", "kafka-etl.revision", "1",
        "kafka-etl.records", "3"));

    int opened = catalog.opened;
    assertThat(publisher(HiveRegisterWhen.COMPLETE).publish("clicks", DAY1).result()).isEqualTo(DayPublisher.Result.UNCHANGED);
    assertThat(catalog.opened).as("an unchanged day costs no metastore call").isEqualTo(opened);
    assertThat(catalog.writes).containsExactly("create etl.clicks", "add 2026-12-01");
  }

  @Test
  void aDayNotCompleteWaitsUnlessTheTopicAsksForMergedDays() throws IOException {
    assertThat(publisher(HiveRegisterWhen.COMPLETE).publish("clicks", DAY1).result()).isEqualTo(DayPublisher.Result.NOT_READY);
    assertThat(catalog.writes).isEmpty();

    assertThat(publisher(HiveRegisterWhen.MERGED).publish("clicks", DAY1).result()).isEqualTo(DayPublisher.Result.REGISTERED);
    assertThat(catalog.partitions.get("etl.clicks/2026-12-01").parameters()).containsEntry("kafka-etl.complete", "false");

    marker(DAY1, 1, 3);
    publisher(HiveRegisterWhen.MERGED).publish("clicks", DAY1);
    assertThat(catalog.partitions.get("etl.clicks/2026-12-01").parameters()).containsEntry("kafka-etl.complete", "true");
    assertThat(catalog.writes).containsExactly("create etl.clicks", "add 2026-12-01", "alter 2026-12-01");
  }

  @Test
  void lateDataAltersThePartitionToTheNewRevision() throws IOException {
    marker(DAY1, 1, 3);
    publisher(HiveRegisterWhen.COMPLETE).publish("clicks", DAY1);
    marker(DAY1, 2, 5);
    assertThat(publisher(HiveRegisterWhen.COMPLETE).publish("clicks", DAY1).result()).isEqualTo(DayPublisher.Result.REGISTERED);
    assertThat(catalog.partitions.get("etl.clicks/2026-12-01").parameters())
        .containsEntry("kafka-etl.revision", "2").containsEntry("kafka-etl.records", "5");
    assertThat(registry.registered("clicks", DAY1)).contains(new PartitionRegistry.Registered(true, 2, 5));
  }

  @Test
  void aMetastoreThatIsDownKeepsTheDayForTheNextPassAndAlertsWhenItWaitedTooLong() throws IOException {
    marker(DAY1, 1, 3);
    catalog.down = true;
    HivePublishing publishing = publishing();
    assertThat(publishing.publish("clicks", DAY1).result()).isEqualTo(DayPublisher.Result.PENDING);
    assertThat(registry.pending()).singleElement().satisfies(p -> {
      assertThat(p.since()).isEqualTo(now);
      assertThat(p.reason()).contains("cannot connect to the Hive Metastore");
    });
    assertThat(publishing.retryPending()).hasSize(1);
    assertThat(alerts).as("not yet: it waited less than hive.pending.alert.after").isEmpty();

    now = now.plus(Duration.ofHours(7));
    assertThat(publishing().retryPending()).hasSize(1);
    assertThat(alerts).singleElement().satisfies(a -> assertThat(a.fixCommands())
        .containsExactly("hadoop jar kafka-etl-job.jar register --topic clicks --date 2026-12-01"));

    catalog.down = false;
    assertThat(publishing().retryPending()).isEmpty();
    assertThat(catalog.writes).containsExactly("create etl.clicks", "add 2026-12-01");
    assertThat(registry.registered("clicks", DAY1)).contains(new PartitionRegistry.Registered(true, 1, 3));
  }

  @Test
  void aDatabaseThatIsDownTooIsAnAlertNotAFailedMerge() throws IOException {
    marker(DAY1, 1, 3);
    PartitionRegistry down = new PartitionRegistry() {
      @Override
      public Optional<Registered> registered(String topic, LocalDate day) {
        throw new IllegalStateException("database gone");
      }

      @Override
      public void markRegistered(String topic, LocalDate day, String table, Registered state, Instant at) {
        throw new IllegalStateException("database gone");
      }

      @Override
      public void markPending(String topic, LocalDate day, String table, String reason, Instant at) {
        throw new IllegalStateException("database gone");
      }

      @Override
      public List<Pending> pending() {
        throw new IllegalStateException("database gone");
      }
    };
    HivePublishing publishing = new HivePublishing(new DayPublisher(settings(HiveRegisterWhen.COMPLETE), localFs(),
        new WarehouseLayout(warehouse.toString()), catalog::open, down, Clock.fixed(now, ZoneOffset.UTC)), down,
        alerts::add, FixCommands.defaults(), Duration.ofHours(6), Clock.fixed(now, ZoneOffset.UTC));
    publishing.merged("clicks", DAY1);
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.summary()).contains("nor kept for later: database gone");
      assertThat(a.fixCommands()).containsExactly("hadoop jar kafka-etl-job.jar register --topic clicks --date 2026-12-01");
    });
  }

  @Test
  void aPartitionTheMetastoreAlreadyHasIsNotAddedAgain() throws IOException {
    marker(DAY1, 1, 3);
    publisher(HiveRegisterWhen.COMPLETE).publish("clicks", DAY1);
    registry.registered.clear();   // the pass died after the metastore took it, before the database recorded it
    assertThat(publisher(HiveRegisterWhen.COMPLETE).publish("clicks", DAY1).result()).isEqualTo(DayPublisher.Result.REGISTERED);
    assertThat(catalog.writes).containsExactly("create etl.clicks", "add 2026-12-01");
  }

  @Test
  void aPartitionDroppedByHandIsAddedAgainByRegisterWhichAsksTheMetastoreItself() throws IOException {
    marker(DAY1, 1, 3);
    publishing().publish("clicks", DAY1);
    catalog.partitions.clear();
    assertThat(publishing().publish("clicks", DAY1).result()).as("a merge's pass trusts the database")
        .isEqualTo(DayPublisher.Result.UNCHANGED);
    assertThat(publishing().register("clicks", DAY1).result()).isEqualTo(DayPublisher.Result.REGISTERED);
    assertThat(catalog.partitions).containsKey("etl.clicks/2026-12-01");
    assertThat(publishing().register("clicks", DAY1).result()).as("nothing to mend").isEqualTo(DayPublisher.Result.UNCHANGED);
    assertThat(catalog.writes).containsExactly("create etl.clicks", "add 2026-12-01", "add 2026-12-01");
  }

  @Test
  void aTableThatDoesNotMatchIsRefusedWithWhatDiffersAndLeftAlone() throws IOException {
    marker(DAY1, 1, 3);
    CatalogTable other = new CatalogTable("etl", "clicks", false, "hdfs://nn/elsewhere", "org.apache.hadoop.hive.ql.io.orc.OrcSerde",
        TableDesign.INPUT_FORMAT, TableDesign.OUTPUT_FORMAT, List.of(new CatalogTable.Column("day", "string")),
        List.of(), null);
    catalog.tables.put("etl.clicks", other);
    DayPublisher.Outcome outcome = publishing().publish("clicks", DAY1);
    assertThat(outcome.result()).isEqualTo(DayPublisher.Result.REFUSED);
    assertThat(alerts).as("a refusal is alerted at once").singleElement()
        .satisfies(a -> assertThat(a.summary()).contains("location: hdfs://nn/elsewhere"));
    assertThat(registry.pending()).hasSize(1);
    assertThat(outcome.reason()).contains("etl.clicks exists but is not the table of clicks", "managed table",
        "location: hdfs://nn/elsewhere, expected file:" + warehouse.resolve("clicks"),
        "SerDe: org.apache.hadoop.hive.ql.io.orc.OrcSerde", "partition columns: (day string), expected (dt string)");
    assertThat(catalog.tables.get("etl.clicks")).isSameAs(other);
    assertThat(catalog.writes).isEmpty();
  }

  @Test
  void aCompatibleNewSchemaMovesTheTableAnIncompatibleOneLeavesIt() throws IOException {
    marker(DAY1, 1, 3);
    publisher(HiveRegisterWhen.COMPLETE).publish("clicks", DAY1);
    dailyFile(DAY2, "clicks.0.avro", V2, 2);
    marker(DAY2, 1, 2);
    assertThat(publisher(HiveRegisterWhen.COMPLETE).publish("clicks", DAY2).result()).isEqualTo(DayPublisher.Result.REGISTERED);
    assertThat(new Schema.Parser().parse(catalog.tables.get("etl.clicks").avroSchema())).isEqualTo(V2);
    assertThat(catalog.tables.get("etl.clicks").columns()).extracting(CatalogTable.Column::name).containsExactly("id", "page");

    Schema incompatible = SchemaBuilder.record("Click").namespace("t").fields().requiredString("id").endRecord();
    dailyFile(DAY2, "clicks.0.part-1.avro", incompatible, 1);
    marker(DAY2, 2, 3);
    DayPublisher.Outcome outcome = publisher(HiveRegisterWhen.COMPLETE).publish("clicks", DAY2);
    assertThat(outcome.result()).isEqualTo(DayPublisher.Result.REFUSED);
    assertThat(outcome.reason()).contains("cannot read files written with the table's schema");
    assertThat(new Schema.Parser().parse(catalog.tables.get("etl.clicks").avroSchema())).isEqualTo(V2);
  }

  private DayPublisher publisher(HiveRegisterWhen when) {
    return new DayPublisher(settings(when), localFs(), new WarehouseLayout(warehouse.toString()), catalog::open, registry,
        Clock.fixed(now, ZoneOffset.UTC));
  }

  private static HiveSettings settings(HiveRegisterWhen when) {
    return TestWarehouse.settings(when);
  }

  private static FileSystem localFs() {
    return TestWarehouse.localFs();
  }

  private HivePublishing publishing() {
    return new HivePublishing(publisher(HiveRegisterWhen.COMPLETE), registry, alerts::add, FixCommands.defaults(),
        Duration.ofHours(6), Clock.fixed(now, ZoneOffset.UTC));
  }

  private void dailyFile(LocalDate day, String name, Schema schema, int records) throws IOException {
    TestWarehouse.dailyFile(warehouse, day, name, schema, records);
  }

  private void marker(LocalDate day, int revision, long records) throws IOException {
    TestWarehouse.marker(warehouse, day, revision, records);
  }
}
