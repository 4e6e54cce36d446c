package org.kafkaetl.hive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.audit.Finding;
import org.kafkaetl.core.config.HiveRegisterWhen;
import org.kafkaetl.core.layout.WarehouseLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableAuditTest {
  private static final Schema V1 = DayPublisherTest.V1;
  private static final Schema V2 = DayPublisherTest.V2;
  private static final LocalDate DAY = DayPublisherTest.DAY1;
  private static final String REGISTER = "hadoop jar kafka-etl-job.jar register --topic clicks --date 2026-12-01";

  @TempDir
  Path warehouse;
  final InMemoryCatalog catalog = new InMemoryCatalog();

  @Test
  void aDayRegisteredAsItIsIsClean() throws IOException {
    TestWarehouse.dailyFile(warehouse, DAY, "clicks.0.avro", V1, 3);
    TestWarehouse.marker(warehouse, DAY, 1, 3);
    register(HiveRegisterWhen.COMPLETE);

    TableAudit.Result result = audit(HiveRegisterWhen.COMPLETE);
    assertThat(result.findings()).isEmpty();
    assertThat(result.notes()).isEmpty();
  }

  @Test
  void aMissingTableOrPartitionIsFoundWithTheCommandThatRegistersIt() throws IOException {
    TestWarehouse.dailyFile(warehouse, DAY, "clicks.0.avro", V1, 3);
    assertThat(audit(HiveRegisterWhen.COMPLETE).findings()).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(Finding.Kind.TABLE);
      assertThat(f.what()).contains("does not exist", REGISTER);
    });

    register(HiveRegisterWhen.MERGED);
    catalog.partitions.clear();
    assertThat(audit(HiveRegisterWhen.COMPLETE).findings()).as("a day not complete is not due").isEmpty();
    assertThat(audit(HiveRegisterWhen.MERGED).findings()).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(Finding.Kind.TABLE_PARTITION);
      assertThat(f.what()).contains("is missing although the day has merged data", REGISTER);
    });
  }

  @Test
  void aStaleOrMisplacedPartitionIsFound() throws IOException {
    TestWarehouse.dailyFile(warehouse, DAY, "clicks.0.avro", V1, 3);
    TestWarehouse.marker(warehouse, DAY, 1, 3);
    register(HiveRegisterWhen.COMPLETE);
    TestWarehouse.marker(warehouse, DAY, 2, 4);   // late data merged, the partition not moved yet
    String key = "etl.clicks/" + DAY;
    Map<String, String> parameters = new HashMap<>(catalog.partitions.get(key).parameters());
    catalog.partitions.put(key, new CatalogPartition(DAY.toString(), "hdfs://nn/elsewhere", parameters));

    assertThat(audit(HiveRegisterWhen.COMPLETE).findings()).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(Finding.Kind.TABLE_PARTITION);
      assertThat(f.what()).contains("location hdfs://nn/elsewhere, expected file:" + warehouse.resolve("clicks/" + DAY),
          "revision 1, the day's marker says 2", REGISTER);
    });
  }

  @Test
  void fieldsTheTableHasNoColumnForAndFilesItCannotReadAreFound() throws IOException {
    TestWarehouse.dailyFile(warehouse, DAY, "clicks.0.avro", V1, 3);
    TestWarehouse.marker(warehouse, DAY, 1, 3);
    register(HiveRegisterWhen.COMPLETE);
    TestWarehouse.dailyFile(warehouse, DAY, "clicks.0.part-1.avro", V2, 1);
    Schema idAsString = SchemaBuilder.record("Click").namespace("t").fields().requiredString("id").endRecord();
    TestWarehouse.dailyFile(warehouse, DAY, "clicks.1.avro", idAsString, 1);

    List<Finding> found = audit(HiveRegisterWhen.COMPLETE).findings();
    assertThat(found).extracting(Finding::kind).containsOnly(Finding.Kind.TABLE_SCHEMA);
    assertThat(found).extracting(Finding::where)
        .containsExactly("daily file 2026-12-01/clicks.0.part-1.avro", "daily file 2026-12-01/clicks.1.avro");
    assertThat(found.get(0).what()).contains("fields [page] have no column in table etl.clicks", REGISTER);
    assertThat(found.get(1).what()).contains("the schema of table etl.clicks cannot read it");
  }

  @Test
  void aMetastoreThatDoesNotAnswerIsANote() throws IOException {
    TestWarehouse.dailyFile(warehouse, DAY, "clicks.0.avro", V1, 3);
    catalog.down = true;
    TableAudit.Result result = audit(HiveRegisterWhen.COMPLETE);
    assertThat(result.findings()).isEmpty();
    assertThat(result.notes()).singleElement().asString()
        .contains("the Hive table etl.clicks was not checked: cannot connect to the Hive Metastore");
  }

  private void register(HiveRegisterWhen when) {
    DayPublisher publisher = new DayPublisher(TestWarehouse.settings(when), TestWarehouse.localFs(),
        new WarehouseLayout(warehouse.toString()), catalog::open, new InMemoryRegistry(),
        Clock.fixed(Instant.parse("2026-12-03T01:00:00Z"), ZoneOffset.UTC));
    assertThat(publisher.publish("clicks", DAY).result()).isEqualTo(DayPublisher.Result.REGISTERED);
  }

  private TableAudit.Result audit(HiveRegisterWhen when) {
    return new TableAudit(TestWarehouse.settings(when), TestWarehouse.localFs(), new WarehouseLayout(warehouse.toString()),
        catalog::open, FixCommands.defaults()).check("clicks", DAY);
  }
}
