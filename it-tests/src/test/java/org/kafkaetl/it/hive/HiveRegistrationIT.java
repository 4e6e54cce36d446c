package org.kafkaetl.it.hive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.GetTableRequest;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.layout.WarehouseLayout;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.fixtures.HiveMetastoreFixture;
import org.kafkaetl.it.fixtures.SparkSql;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;

/**
 * Publishing to a real Hive 4 metastore (its own JVM, its schema in the suite's MariaDB), checked through
 * the metastore's own client: a complete day becomes a partition of an EXTERNAL Avro table over the topic's
 * warehouse directory, late data alters it to the new revision, and a metastore that is down while a run
 * lands and merges only delays the registration to the next run, which makes it once. A second topic's schema
 * gains a field within the day: its table's schema moves to the new one. Last, Spark SQL (its own
 * JVM) reads the table through the metastore and counts what was produced for the day.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class HiveRegistrationIT {
  private static final String TABLE = "events";
  private static final String VIEWS = "page_views";
  private static final Schema PAGE_VIEW_V2 = new Schema.Parser().parse("""
      {"type":"record","name":"PageView","namespace":"it","fields":[
        {"name":"user","type":"string"},
        {"name":"seq","type":"long"},
        {"name":"event_time","type":"long"},
        {"name":"referrer","type":["null","string"],"default":null}]}""");
  private static HiveMetastoreFixture metastore;

  @TempDir
  Path tmp;

  @BeforeAll
  static void startMetastore(EtlTestEnvironment env) {
    Path work = Path.of(System.getProperty("it.work.dir", "target/it-work")).toAbsolutePath();
    metastore = HiveMetastoreFixture.start(env.mariaDb(), work,
        EtlTestEnvironment.uniqueName("hms").replaceAll("[^a-zA-Z0-9_]", "_"));
  }

  @AfterAll
  static void stopMetastore() {
    if (metastore != null) {
      metastore.close();
    }
  }

  @Test
  void completeDaysBecomePartitionsAndAMetastoreOutageOnlyDelaysThem(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 2);
    String database = s.name.toLowerCase(java.util.Locale.ROOT);
    // two days: the raw topic's yesterday for a day's life (late data, outage); the json topic's day before for a
    // schema change within a day
    s.set("etl.topics", s.raw + "," + s.json).properties().keySet().removeIf(k -> k.startsWith("topic." + s.avro + "."));
    s.set("topic." + s.raw + ".hive.table", database + "." + TABLE)
        .set("topic." + s.json + ".hive.table", database + "." + VIEWS)
        .set("hive.metastore.uris", metastore.uri())
        .set("hive.metastore.timeout", "10s");
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp, s.properties());
    FileSystem fs = env.hadoop().fileSystem();
    WarehouseLayout warehouse = new WarehouseLayout(s.properties().get("etl.warehouse.root"));
    long now = System.currentTimeMillis();
    long yesterdayTs = Instant.ofEpochMilli(now).minus(1, ChronoUnit.DAYS).toEpochMilli();
    LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC);
    LocalDate yesterday = today.minusDays(1);
    long dayBeforeTs = Instant.ofEpochMilli(now).minus(2, ChronoUnit.DAYS).toEpochMilli();
    LocalDate dayBefore = today.minusDays(2);
    String dayLocation = fs.makeQualified(new org.apache.hadoop.fs.Path(warehouse.dayDir(s.raw, yesterday))).toString();

    s.sendRaw(0, 5, yesterdayTs);
    s.sendRaw(1, 3, yesterdayTs);
    s.sendRaw(0, 4, now);
    s.sendJson(0, 4, dayBeforeTs);
    s.sent();
    assertOk(cli.run("run"));

    try (HiveMetaStoreClient hms = client()) {
      Table table = hms.getTable(new GetTableRequest(database, TABLE));
      assertThat(table.getTableType()).isEqualTo("EXTERNAL_TABLE");
      assertThat(table.getSd().getLocation()).isEqualTo(
          fs.makeQualified(new org.apache.hadoop.fs.Path(s.properties().get("etl.warehouse.root") + "/" + s.raw)).toString());
      assertThat(table.getSd().getSerdeInfo().getSerializationLib()).isEqualTo("org.apache.hadoop.hive.serde2.avro.AvroSerDe");
      assertThat(table.getSd().getInputFormat()).isEqualTo("org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat");
      assertThat(table.getPartitionKeys()).containsExactly(new FieldSchema("dt", "string", ""));
      assertThat(new Schema.Parser().parse(table.getParameters().get("avro.schema.literal")))
          .as("the table reads with the landed schema").isEqualTo(dailySchema(fs, warehouse.dailyFile(s.raw, yesterday, 0, 0)));

      List<Partition> partitions = hms.listPartitions(database, TABLE, (short) -1);
      assertThat(partitions).as("only the complete day; today is not over").singleElement().satisfies(p -> {
        assertThat(p.getValues()).containsExactly(yesterday.toString());
        assertThat(p.getSd().getLocation()).isEqualTo(dayLocation);
        assertThat(p.getParameters()).containsAllEntriesOf(Map.of("kafka-etl.complete", "true",
            "kafka-etl.revision", "1", "kafka-etl.records", "8"));
      });
    }

    // late data revises the day: the partition follows; the json topic's schema gains a field meanwhile, and
    // the table's schema moves to it (its files of the old schema are read through Avro resolution)
    s.sendRaw(1, 2, yesterdayTs);
    java.nio.file.Files.writeString(Path.of(s.properties().get("topic." + s.json + ".schema")), PAGE_VIEW_V2.toString());
    for (int i = 0; i < 3; i++) {
      env.kafka().produce(s.json, 0, null, ("{\"user\":\"v2\",\"seq\":" + (100 + i) + ",\"event_time\":" + dayBeforeTs
          + ",\"referrer\":\"r" + i + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8)).get();
    }
    s.sent();
    assertOk(cli.run("run"));
    assertThat(partition(database, yesterday).getParameters()).containsEntry("kafka-etl.revision", "2")
        .containsEntry("kafka-etl.records", "10");
    try (HiveMetaStoreClient hms = client()) {
      Table views = hms.getTable(new GetTableRequest(database, VIEWS));
      assertThat(new Schema.Parser().parse(views.getParameters().get("avro.schema.literal"))).isEqualTo(PAGE_VIEW_V2);
      assertThat(views.getSd().getCols()).extracting(FieldSchema::getName).containsExactly("user", "seq", "event_time",
          "referrer");
      assertThat(hms.getPartition(database, VIEWS, List.of(dayBefore.toString())).getParameters())
          .containsEntry("kafka-etl.revision", "2").containsEntry("kafka-etl.records", "7");
    }
    EtlCli.Result twoSchemas = cli.run("audit", "--topic", s.json, "--date", dayBefore.toString());
    assertThat(twoSchemas.exitCode()).as("the table's schema reads both parts of the day: " + twoSchemas).isZero();

    // the metastore goes down: landing and merging go on, the registration waits in the database
    metastore.stop();
    s.sendRaw(0, 1, yesterdayTs);
    s.sent();
    assertOk(cli.run("run"));
    assertThat(new String(fs.open(new org.apache.hadoop.fs.Path(warehouse.completeMarker(s.raw, yesterday)))
        .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"revision\" : 3", "\"records\" : 11");
    assertThat(pendingReason(s, yesterday)).contains("Hive Metastore");
    assertThat(cli.run("status", "--topic", s.raw, "--date", yesterday.toString()).out())
        .contains("Hive partition " + database + "." + TABLE + " dt=" + yesterday + ": waiting since",
            "register --topic " + s.raw + " --date " + yesterday);

    // back up: the next run registers it, once
    metastore.start();
    assertOk(cli.run("run"));
    Partition registered = partition(database, yesterday);
    assertThat(registered.getParameters()).containsEntry("kafka-etl.revision", "3").containsEntry("kafka-etl.records", "11");
    assertThat(pendingReason(s, yesterday)).isNull();
    assertThat(cli.run("status", "--topic", s.raw, "--date", yesterday.toString()).out())
        .contains("Hive partition " + database + "." + TABLE + " dt=" + yesterday + ": registered, complete, revision 3,"
            + " 11 records");

    EtlCli.Result again = cli.run("register", "--topic", s.raw, "--date", yesterday.toString());
    assertOk(again);
    assertThat(again.out()).contains(s.raw + " " + yesterday + ": already registered in " + database + "." + TABLE);
    assertThat(cli.run("register", "--topic", s.raw, "--date", today.toString()).out()).contains("is not complete");
    try (HiveMetaStoreClient hms = client()) {
      List<Partition> partitions = hms.listPartitions(database, TABLE, (short) -1);
      assertThat(partitions).singleElement().satisfies(p -> {
        assertThat(p.getCreateTime()).isEqualTo(registered.getCreateTime());
        assertThat(p.getParameters().get("transient_lastDdlTime"))
            .as("not altered again").isEqualTo(registered.getParameters().get("transient_lastDdlTime"));
      });
    }

    // the audit looks at the table too: a partition dropped by hand is found, with the command that mends it,
    // run here in its own process as an operator would
    assertOk(cli.run("audit", "--topic", s.raw, "--date", yesterday.toString()));
    try (HiveMetaStoreClient hms = client()) {
      hms.dropPartition(database, TABLE, List.of(yesterday.toString()), false);
    }
    EtlCli.Result found = cli.run("audit", "--topic", s.raw, "--date", yesterday.toString());
    assertThat(found.exitCode()).as(found.toString()).isEqualTo(3);
    assertThat(found.out()).contains("[TABLE_PARTITION]", "register --topic " + s.raw + " --date " + yesterday);
    EtlCli.Result mended = cli.runAsProcess("register", "--topic", s.raw, "--date", yesterday.toString());
    assertOk(mended);
    assertThat(mended.out()).contains(s.raw + " " + yesterday + ": registered in " + database + "." + TABLE);
    assertThat(partition(database, yesterday).getParameters()).containsEntry("kafka-etl.revision", "3");
    assertOk(cli.run("audit", "--topic", s.raw, "--date", yesterday.toString()));

    // a real SQL engine reads both tables through the metastore: every record of the complete day, nothing of
    // today; the json day's records of the old schema with referrer NULL
    long sentYesterday = s.rawSentOn(yesterday).values().stream().mapToLong(List::size).sum();
    assertThat(SparkSql.query(metastore.uri(), "SELECT 'events', dt, count(*), 0 FROM " + database + "." + TABLE
        + " GROUP BY dt UNION ALL SELECT 'page_views', dt, count(*), count(referrer) FROM " + database + "." + VIEWS
        + " GROUP BY dt ORDER BY 1, 2", tmp.resolve("spark.log")))
        .containsExactly(List.of("events", yesterday.toString(), String.valueOf(sentYesterday), "0"),
            List.of("page_views", dayBefore.toString(), "7", "3"));
  }

  private static HiveMetaStoreClient client() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set("metastore.thrift.uris", metastore.uri());
    return new HiveMetaStoreClient(conf);
  }

  private static Partition partition(String database, LocalDate day) throws Exception {
    try (HiveMetaStoreClient hms = client()) {
      return hms.getPartition(database, TABLE, List.of(day.toString()));
    }
  }

  private static Schema dailySchema(FileSystem fs, String file) throws Exception {
    try (var in = fs.open(new org.apache.hadoop.fs.Path(file));
        DataFileStream<GenericRecord> avro = new DataFileStream<>(in, new GenericDatumReader<>())) {
      return avro.getSchema();
    }
  }

  /** The reason the day waits to be registered; null when nothing waits. */
  private static String pendingReason(EtlScenario s, LocalDate day) throws Exception {
    try (Connection c = s.database().connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT last_error FROM etl_catalog_partitions WHERE topic = ? AND day = ? AND pending_since IS NOT NULL")) {
      ps.setString(1, s.raw);
      ps.setDate(2, java.sql.Date.valueOf(day));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static void assertOk(EtlCli.Result result) {
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }
}
