package org.kafkaetl.it.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.fixtures.SchemaRegistryFixture;
import org.kafkaetl.it.fixtures.TlsStores;
import org.kafkaetl.it.support.AlertCapture;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.HourlyRuns;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.LocalHadoop;
import org.kafkaetl.mapreduce.driver.SchemaFiles;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.mapreduce.driver.RunResult;

/**
 * An avro-confluent topic on a real schema registry (Apicurio, its Confluent-compatible API), written by the
 * registry project's own serializer: two compatible schema versions within one day land resolved to the latest,
 * an incompatible writer, an unknown id and a message without the registry header go to the error file with
 * their reasons, and a registry stopped after planning leaves the range INCOMPLETE (alerted with its rerun
 * command) until a later run, with the registry back, lands it. Every offset is accounted for, by the Kafka
 * coordinates each landed record carries. Hadoop local mode: the registry, not the cluster, is under test.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class SchemaRegistryIT {
  private static final Schema V1 = schema("""
      {"type":"record","name":"Click","namespace":"it","fields":[
        {"name":"id","type":"long"},{"name":"page","type":"string"}]}""");
  private static final Schema V2 = schema("""
      {"type":"record","name":"Click","namespace":"it","fields":[
        {"name":"id","type":"long"},{"name":"page","type":"string"},
        {"name":"referrer","type":["null","string"],"default":null}]}""");
  /** A third compatible version, registered between the outage and the retry: the retry's reader schema. */
  /** V2 and the user agent, registered under another subject: compatible, but not among the topic's versions. */
  private static final Schema V2_AGENT = schema("""
      {"type":"record","name":"Click","namespace":"it","fields":[
        {"name":"id","type":"long"},{"name":"page","type":"string"},
        {"name":"referrer","type":["null","string"],"default":null},
        {"name":"agent","type":["null","string"],"default":null}]}""");
  private static final Schema V3 = schema("""
      {"type":"record","name":"Click","namespace":"it","fields":[
        {"name":"id","type":"long"},{"name":"page","type":"string"},
        {"name":"referrer","type":["null","string"],"default":null},
        {"name":"country","type":["null","string"],"default":null}]}""");
  /** id became a string: registered under another subject, so the topic's latest stays V2. */
  private static final Schema INCOMPATIBLE = schema("""
      {"type":"record","name":"Click","namespace":"it","fields":[
        {"name":"id","type":"string"},{"name":"page","type":"string"}]}""");

  @TempDir
  java.nio.file.Path tmp;

  @Test
  void evolvingSchemasLandResolvedBadMessagesAreErrorsAndAnOutageIsRetried(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    String topic = s.name + "_clicks";
    env.kafka().createTopic(topic, 1);
    Configuration hadoop = LocalHadoop.configuration(tmp.resolve("hadoop-tmp"));
    Path work = new Path(tmp.resolve("work").toUri());
    try (SchemaRegistryFixture registry = SchemaRegistryFixture.in(tmp.resolve("registry")).start()) {
      s.onlyTopic(topic)
          // a topic of another format beside it, read while the registry is down
          .set("etl.topics", topic + "," + s.raw)
          .set("etl.work.root", work.toString())
          .set("etl.warehouse.root", tmp.resolve("warehouse").toUri().toString())
          .set("topic." + topic + ".format", "avro-confluent")
          .set("topic." + topic + ".kafka.field", "_kafka")
          .set("topic." + topic + ".max.decode.errors", "10")
          .set("schema.registry.url", registry.ccompatUrl())
          .set("schema.registry.request.timeout", "2s");
      Map<Long, String> expectedPages = new TreeMap<>();
      Map<Long, String> expectedReasons = new TreeMap<>();
      try (AvroKafkaSerializer<GenericRecord> serde = serializer(registry)) {
        Sender send = new Sender(env.kafka().producer(), topic);
        for (long id = 0; id < 3; id++) {
          expectedPages.put(send.value(serde.serialize(topic, click(V1, id))), "/p" + id);
        }
        for (long id = 3; id < 6; id++) {
          expectedPages.put(send.value(serde.serialize(topic, click(V2, id))), "/p" + id);
        }
        expectedReasons.put(send.value(serde.serialize(topic + "-other", click(INCOMPATIBLE, 6))),
            "cannot be resolved to the reader schema it.Click");
        expectedReasons.put(send.value(withId(serde.serialize(topic, click(V2, 7)), 987_654)),
            "schema id 987654 is unknown to the schema registry");
        expectedReasons.put(send.value("{\"id\":8}".getBytes(StandardCharsets.UTF_8)),
            "first byte is 0x7b, not the schema registry's magic byte");
        for (long id = 9; id < 11; id++) {
          expectedPages.put(send.value(serde.serialize(topic, click(V1, id))), "/p" + id);
        }
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        RunResult first = HourlyRuns.runAt(s, hadoop, hour);
        assertThat(first.exitCode()).as(first.message()).isEqualTo(ExitCode.OK);
        assertThat(SchemaFiles.loadReadable(EtlConfig.parse(s.properties()), hadoop).writers())
            .as("the run fetches the subject's versions once for its map tasks")
            .containsEntry(idOf(serde.serialize(topic, click(V1, 0))), V1)
            .containsEntry(idOf(serde.serialize(topic, click(V2, 0))), V2);

        // a writer schema of another subject, which the run does not fetch for its tasks: they must ask for it
        for (long id = 11; id < 14; id++) {
          expectedPages.put(send.value(serde.serialize(topic + "-agents", click(V2_AGENT, id))), "/p" + id);
        }
        RunResult outage;
        List<String> alerts;
        try (AlertCapture capture = new AlertCapture()) {
          outage = HourlyRuns.run(s, hadoop, hour.plus(1, ChronoUnit.HOURS), s.offsetStore(), registry::stop);
          alerts = capture.alerts();
        }
        assertThat(outage.exitCode()).as(outage.message()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(s.offsetStore().allRanges(topic)).last().satisfies(r -> {
          assertThat(r.state()).isEqualTo(RangeState.INCOMPLETE);
          assertThat(r.event().range().begin()).isEqualTo(11);
          assertThat(r.detail()).contains("schema registry unavailable at offset 11");
        });
        assertThat(alerts).as("the INCOMPLETE alert names the cause and the rerun")
            .anySatisfy(a -> assertThat(a).contains("schema registry unavailable").contains("rerun --topic " + topic));
        assertThat(errorOffsets(hadoop, work)).as("an outage sends nothing to the error file")
            .isEqualTo(expectedReasons.keySet().stream().toList());

        RangeRecord waiting = s.offsetStore().allRanges(topic).get(s.offsetStore().allRanges(topic).size() - 1);
        s.sendRaw(0, 4);
        RunResult registryDown;
        try (AlertCapture capture = new AlertCapture()) {
          registryDown = HourlyRuns.runAt(s, hadoop, hour.plus(2, ChronoUnit.HOURS));
          alerts = capture.alerts();
        }
        assertThat(registryDown.exitCode()).as("the registry down at the run's start leaves its topic for a later"
            + " run and reads the other: " + registryDown.message()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(registryDown.message()).contains("topic " + topic + ": the schema registry did not give its reader schema");
        assertThat(alerts).anySatisfy(a -> assertThat(a).contains("topic " + topic + " not read")
            .contains("schema.registry.url"));
        assertThat(s.offsetStore().allRanges(topic)).as("nothing planned for it, its incomplete range not retried")
            .last().isEqualTo(waiting);
        assertThat(LandedFiles.dataFiles(FileSystem.get(work.toUri(), hadoop), work).stream()
            .filter(f -> f.topicDir().equals(s.raw)).flatMap(f -> f.records().stream()).map(r -> (Long) r.get("offset")))
            .as("the other topic landed").containsExactlyInAnyOrder(0L, 1L, 2L, 3L);

        registry.start();
        expectedPages.put(send.value(serde.serialize(topic, click(V3, 14))), "/p14");
        RunResult retry = HourlyRuns.runAt(s, hadoop, hour.plus(3, ChronoUnit.HOURS));
        assertThat(retry.exitCode()).as(retry.message()).isEqualTo(ExitCode.OK);
      }
      assertThat(s.offsetStore().allRanges(topic)).extracting(RangeRecord::state).containsOnly(RangeState.COMPLETE);
      FileSystem fs = FileSystem.get(work.toUri(), hadoop);
      Map<Long, String> landed = new TreeMap<>();
      List<Long> landedOffsets = new ArrayList<>();
      for (LandedFiles.LandedFile file : LandedFiles.dataFiles(fs, work)) {
        if (!file.topicDir().equals(topic)) {
          continue;
        }
        for (GenericRecord r : file.records()) {
          assertThat(r.getSchema().getField("referrer")).as("every file has the run's reader schema, V2").isNotNull();
          long offset = (Long) ((GenericRecord) r.get("_kafka")).get("offset");
          landedOffsets.add(offset);
          landed.put(offset, r.get("page").toString());
          assertThat(r.get("id")).isEqualTo(offset);
          assertThat(r.getSchema().getField("country") != null).as("offset " + offset + ": the retry's reader is V3")
              .isEqualTo(offset >= 11);
        }
      }
      assertThat(landedOffsets).as("each good message landed once").doesNotHaveDuplicates();
      assertThat(landed).as("good messages, with their values").isEqualTo(expectedPages);
      Map<Long, String> reasons = errorReasons(fs, work);
      assertThat(reasons.keySet()).isEqualTo(expectedReasons.keySet());
      expectedReasons.forEach((offset, reason) -> assertThat(reasons.get(offset)).as("offset " + offset).contains(reason));
      assertMergedDayAudits(s, hadoop, topic);
    }
  }

  @Test
  void overHttpsTheConfiguredTruststoreIsUsedByPlanningAndTasks(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    String topic = s.name + "_secure";
    String unregistered = s.name + "_unregistered";
    env.kafka().createTopic(topic, 1);
    env.kafka().createTopic(unregistered, 1);
    Configuration hadoop = LocalHadoop.configuration(tmp.resolve("hadoop-tmp"));
    Path work = new Path(tmp.resolve("work").toUri());
    TlsStores stores = TlsStores.in(tmp.resolve("tls"));
    try (SchemaRegistryFixture registry = SchemaRegistryFixture.in(tmp.resolve("registry")).withTls(stores).start();
        AvroKafkaSerializer<GenericRecord> serde = serializer(registry)) {
      s.onlyTopic(topic)
          // beside it a topic whose subject the registry does not have: left unread, not a failed run
          .set("etl.topics", topic + "," + unregistered)
          .set("topic." + unregistered + ".format", "avro-confluent")
          .set("etl.work.root", work.toString())
          .set("etl.warehouse.root", tmp.resolve("warehouse").toUri().toString())
          .set("topic." + topic + ".format", "avro-confluent")
          .set("schema.registry.url", registry.ccompatHttpsUrl())
          .set("schema.registry.request.timeout", "5s");
      Sender send = new Sender(env.kafka().producer(), topic);
      for (long id = 0; id < 3; id++) {
        send.value(serde.serialize(topic, click(V1, id)));
      }
      Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);

      RunResult refused = HourlyRuns.runAt(s, hadoop, hour);
      assertThat(refused.exitCode()).as("the JVM's truststore does not trust the registry's certificate: "
          + refused.message()).isEqualTo(ExitCode.INCOMPLETE);
      assertThat(refused.message()).contains("topic " + topic + ": the schema registry did not give its reader schema");
      assertThat(s.offsetStore().allRanges(topic)).isEmpty();

      s.set("schema.registry.ssl.truststore.location", stores.clientTruststore().toString())
          .set("schema.registry.ssl.truststore.password", stores.password());
      RunResult landed = HourlyRuns.runAt(s, hadoop, hour.plus(1, ChronoUnit.HOURS));
      assertThat(landed.exitCode()).as(landed.message()).isEqualTo(ExitCode.INCOMPLETE);
      assertThat(landed.message()).contains("topic " + unregistered
          + ": its schema registry subject has no usable reader schema").doesNotContain("topic " + topic + ":");
      assertThat(s.offsetStore().allRanges(unregistered)).isEmpty();
    }
    List<Object> ids = new ArrayList<>();
    for (LandedFiles.LandedFile file : LandedFiles.dataFiles(FileSystem.get(work.toUri(), hadoop), work)) {
      file.records().forEach(r -> ids.add(r.get("id")));
    }
    assertThat(ids).as("the map task fetched the writer schema over https too").containsExactlyInAnyOrder(0L, 1L, 2L);
    assertThat(errorOffsets(hadoop, work)).isEmpty();
  }

  /** The day holds files of two reader schemas: the merge starts a second part, and the audit finds nothing amiss. */
  private void assertMergedDayAudits(EtlScenario s, Configuration hadoop, String topic) throws IOException {
    String date = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    EtlCli cli = new EtlCli(hadoop, tmp.resolve("cli"), s.properties());
    EtlCli.Result merge = cli.run("merge", "--topic", topic, "--date", date);
    assertThat(merge.exitCode()).as(merge.toString()).isZero();
    Path day = new Path(tmp.resolve("warehouse").resolve(topic).resolve(date).toUri());
    assertThat(LandedFiles.dataFiles(FileSystem.get(day.toUri(), hadoop), day)).extracting(LandedFiles.LandedFile::name)
        .containsExactlyInAnyOrder(topic + ".0.avro", topic + ".0.part-1.avro");
    EtlCli.Result audit = cli.run("audit", "--topic", topic, "--date", date);
    assertThat(audit.exitCode()).as(audit.toString()).isZero();
  }

  /** The registry project's serializer, Confluent's wire format; it registers a topic's subject at its first message. */
  static AvroKafkaSerializer<GenericRecord> serializer(SchemaRegistryFixture registry) {
    AvroKafkaSerializer<GenericRecord> serde = new AvroKafkaSerializer<>();
    serde.configure(Map.of(
        SerdeConfig.REGISTRY_URL, registry.apicurioUrl(),
        SerdeConfig.AUTO_REGISTER_ARTIFACT, true,
        SerdeConfig.ENABLE_HEADERS, false,
        // Confluent's wire format: magic byte 0 and a 4-byte id, the content id the ccompat API serves
        SerdeConfig.ENABLE_CONFLUENT_ID_HANDLER, true,
        SerdeConfig.USE_ID, "contentId"), false);
    return serde;
  }

  private static GenericRecord click(Schema schema, long id) {
    GenericRecord r = new GenericData.Record(schema);
    r.put("id", schema == INCOMPATIBLE ? String.valueOf(id) : id);
    r.put("page", "/p" + id);
    return r;
  }

  /** The schema id a registry-framed message carries. */
  private static int idOf(byte[] framed) {
    return ByteBuffer.wrap(framed).getInt(1);
  }

  /** The same message claiming another schema id. */
  private static byte[] withId(byte[] framed, int id) {
    ByteBuffer.wrap(framed).putInt(1, id);
    return framed;
  }

  private static List<Long> errorOffsets(Configuration hadoop, Path work) throws IOException {
    return errorReasons(FileSystem.get(work.toUri(), hadoop), work).keySet().stream().toList();
  }

  private static Map<Long, String> errorReasons(FileSystem fs, Path work) throws IOException {
    Map<Long, String> reasons = new TreeMap<>();
    for (LandedFiles.LandedFile file : LandedFiles.errorFiles(fs, work)) {
      file.records().forEach(r -> reasons.merge((Long) r.get("offset"), r.get("reason").toString(), (a, b) -> {
        throw new AssertionError("offset " + r.get("offset") + " is in the error files twice");
      }));
    }
    return reasons;
  }

  private static Schema schema(String json) {
    return new Schema.Parser().parse(json);
  }

  /** Sends values to partition 0 and returns each one's offset. */
  private record Sender(KafkaProducer<byte[], byte[]> producer, String topic) {
    long value(byte[] value) throws Exception {
      return producer.send(new ProducerRecord<>(topic, 0, null, value)).get().offset();
    }
  }
}
