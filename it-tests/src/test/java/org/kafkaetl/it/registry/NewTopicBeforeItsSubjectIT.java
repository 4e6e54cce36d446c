package org.kafkaetl.it.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.fixtures.SchemaRegistryFixture;
import org.kafkaetl.it.support.AlertCapture;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.LocalHadoop;

/**
 * etl.new.partition.start=latest and a topic matched by etl.topics.include before its first producer
 * registered the subject: the run that first sees it cannot read it, but records where Kafka stood
 * then; the first run that can read it starts there, so what was produced in between lands rather
 * than being skipped for good by a start at latest. On the real registry (Apicurio's Confluent API),
 * through the command line; Hadoop local mode.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class NewTopicBeforeItsSubjectIT {
  private static final Schema ORDER = new Schema.Parser().parse("""
      {"type":"record","name":"Order","namespace":"it","fields":[{"name":"id","type":"long"}]}""");
  /**
   * What a producer wrote before the topic's subject existed, under a subject of its own; a schema other than
   * {@link #ORDER}, since the serializer keeps the subject it first registered a schema under.
   */
  private static final Schema EARLY = new Schema.Parser().parse("""
      {"type":"record","name":"EarlyOrder","namespace":"it","fields":[{"name":"id","type":"long"}]}""");

  @TempDir
  java.nio.file.Path tmp;

  @Test
  void withLatestTheFirstRunThatCanReadItStartsWhereKafkaStoodAtFirstSight(EtlTestEnvironment env)
      throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    String matching = s.name + "_orders_eu";
    env.kafka().createTopic(matching, 1);
    Configuration hadoop = LocalHadoop.configuration(tmp.resolve("hadoop-tmp"));
    Path work = new Path(tmp.resolve("work").toUri());
    try (SchemaRegistryFixture registry = SchemaRegistryFixture.in(tmp.resolve("registry")).start();
        AvroKafkaSerializer<GenericRecord> serde = SchemaRegistryIT.serializer(registry)) {
      s.onlyTopic(s.raw).set("etl.merge.after.run", "false")
          .set("etl.new.partition.start", "latest")
          .set("etl.topics.include", Pattern.quote(s.name + "_orders_") + ".*")
          .set("topic.default.format", "avro-confluent")
          .set("etl.work.root", work.toString())
          .set("etl.warehouse.root", tmp.resolve("warehouse").toUri().toString())
          .set("schema.registry.url", registry.ccompatUrl())
          .set("schema.registry.request.timeout", "5s");
      EtlCli cli = new EtlCli(hadoop, tmp, s.properties());
      // written before the first sight under another subject: the topic's own does not exist yet
      send(env, matching, serde.serialize(matching + "-early", record(EARLY, 0)));
      send(env, matching, serde.serialize(matching + "-early", record(EARLY, 1)));

      try (AlertCapture alerts = new AlertCapture()) {
        EtlCli.Result firstSight = cli.run("run");
        assertThat(firstSight.exitCode()).as("left unread, the others read: " + firstSight).isEqualTo(3);
        assertThat(firstSight.out() + firstSight.err()).contains("topic " + matching + ": its schema registry subject"
            + " has no usable reader schema");
        assertThat(alerts.alerts()).filteredOn(a -> a.contains("topic " + matching + " matches")).singleElement()
            .asString().contains("from latest offsets", "0@2");
      }
      assertThat(s.offsetStore().allRanges(matching)).as("nothing planned while unreadable").isEmpty();

      // the first producer of its own subject, between the runs
      for (long id = 2; id < 5; id++) {
        send(env, matching, serde.serialize(matching, record(ORDER, id)));
      }
      EtlCli.Result readable = cli.run("run");
      assertThat(readable.exitCode()).as(readable.toString()).isZero();
    }

    assertThat(s.offsetStore().allRanges(matching)).as("from where Kafka stood at first sight, not from latest")
        .singleElement().satisfies(r -> {
          assertThat(r.event().range()).isEqualTo(new OffsetRange(2, 5));
          assertThat(r.state()).isEqualTo(RangeState.COMPLETE);
        });
    List<Object> ids = new ArrayList<>();
    for (LandedFiles.LandedFile file : LandedFiles.dataFiles(FileSystem.get(work.toUri(), hadoop), work)) {
      if (file.topicDir().equals(matching)) {
        file.records().forEach(r -> ids.add(r.get("id")));
      }
    }
    assertThat(ids).as("what was produced in between landed, once; what came before the first sight did not")
        .containsExactlyInAnyOrder(2L, 3L, 4L);
  }

  private static GenericRecord record(Schema schema, long id) {
    GenericRecord r = new GenericData.Record(schema);
    r.put("id", id);
    return r;
  }

  private static void send(EtlTestEnvironment env, String topic, byte[] value) throws Exception {
    env.kafka().producer().send(new ProducerRecord<>(topic, 0, null, value)).get();
  }
}
