package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReportCodec;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.AlertCapture;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.LandedFiles.LandedFile;

/**
 * No single message fails a range or a task, whatever its bytes, size or times: on real Kafka,
 * poison messages of every kind sit between good ones, and the run ends with every range COMPLETE,
 * each good record landed once, each bad one in the error file with its offset and reason, every
 * date directory (hourly and merged) a yyyy-MM-dd, and a warning naming what was outside the window.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class PoisonMessagesIT {
  private static final int HUGE = 5 * 1024 * 1024;
  private static final long YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli();

  @TempDir
  java.nio.file.Path tmp;

  /** A bad message as Kafka acknowledged it, and what its error record's reason must say. */
  private record Bad(String topic, long offset, String reason) {}

  @Test
  void everyRangeCompletesAroundPoisonMessagesAndEachOneIsAccountedFor(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    // Larger than the consumer's 4 MB max.partition.fetch.bytes; far-future CreateTimes accepted
    // (Kafka 4 refuses timestamps more than an hour ahead by default).
    raiseTopicLimits(env, s.json, s.raw);
    s.set("topic." + s.avro + ".max.decode.errors", "0")
        .set("topic." + s.raw + ".event.time.out.of.window", "quarantine");
    long now = System.currentTimeMillis();
    List<Bad> bad = new ArrayList<>();
    List<Long> quarantined = new ArrayList<>();
    long bigSeq = 1_000_000;
    try (KafkaProducer<byte[], byte[]> producer = bigProducer(env)) {
      s.sendJson(0, 2, now);
      bad.add(send(producer, s.json, null, "{\"user\":\"a\",\"seq\":-1,\"event_time\":" + Long.MIN_VALUE + "}",
          "outside the event-time window"));
      bad.add(send(producer, s.json, null, "{\"user\":\"b\",\"seq\":-2,\"event_time\":" + Long.MAX_VALUE + "}",
          "outside the event-time window"));
      bad.add(send(producer, s.json, null, new byte[0], "value is empty"));
      bad.add(send(producer, s.json, null, randomBytes(300, 1), "JSON"));
      bad.add(send(producer, s.json, null, randomBytes(HUGE, 2), "JSON"));
      send(producer, s.json, null, ("{\"user\":\"" + "x".repeat(HUGE) + "\",\"seq\":" + bigSeq + ",\"event_time\":"
          + now + "}").getBytes(StandardCharsets.UTF_8), null);
      s.sendJson(0, 2, now);

      s.sendAvro(0, 2, Instant.ofEpochMilli(now).toString());
      bad.add(send(producer, s.avro, null, order(-1, "+10000-01-01T00:00:00Z"), "+10000-01-01T00:00:00Z is outside"));
      bad.add(send(producer, s.avro, null, order(-2, "+999999999-12-31T23:59:59Z"), "outside the event-time window"));
      for (int i = 0; i < 3; i++) {
        send(producer, s.avro, null, (byte[]) null, null);
      }
      s.sendAvro(0, 2, Instant.ofEpochMilli(now).toString());

      s.sendRaw(0, 2);
      quarantined.add(send(producer, s.raw, Long.MAX_VALUE - 1, "far".getBytes(StandardCharsets.UTF_8), null).offset());
      quarantined.add(send(producer, s.raw, YEAR_10000, randomBytes(100, 3), null).offset());
      send(producer, s.raw, null, (byte[]) null, null);
      s.sendRaw(0, 2);
    }
    Map<TopicPartition, List<Long>> sent = s.sent();

    EtlCli.Result run;
    List<String> alerts;
    try (AlertCapture capture = new AlertCapture()) {
      run = new EtlCli(env.hadoop().configuration(), tmp, s.properties()).run("run");
      alerts = capture.alerts();
    }
    assertThat(run.exitCode()).as(run.toString()).isZero();
    for (String topic : List.of(s.json, s.avro, s.raw)) {
      assertThat(s.offsetStore().allRanges(topic)).as(topic).isNotEmpty()
          .allSatisfy(r -> assertThat(r.state()).as(r.toString()).isEqualTo(RangeState.COMPLETE));
    }
    assertThat(s.offsetStore().allRanges(s.avro)).extracting(RangeRecord::decodeErrors)
        .as("tombstones and out-of-window times are not decode errors (budget 0)").containsOnly(0L);

    FileSystem fs = env.hadoop().fileSystem();
    Path work = new Path(s.workRoot);
    Map<TopicPartition, List<Long>> expectedSeqs = new TreeMap<>(sent);
    expectedSeqs.remove(TopicPartition.of(s.raw, 0));
    List<Long> jsonSeqs = new ArrayList<>(expectedSeqs.get(TopicPartition.of(s.json, 0)));
    jsonSeqs.add(bigSeq);
    expectedSeqs.put(TopicPartition.of(s.json, 0), jsonSeqs);
    assertThat(landedSeqs(fs, work, s)).as("each good json and avro record once").isEqualTo(expectedSeqs);
    assertThat(errorRecords(fs, work)).as("each bad message once, with its reason")
        .containsExactlyInAnyOrderElementsOf(bad.stream().map(b -> b.topic() + "@" + b.offset()).toList());
    for (Bad b : bad) {
      assertThat(reasonOf(fs, work, b)).as(b.toString()).contains(b.reason());
    }

    long rawEnd = env.kafka().endOffsets(s.raw, 1).get(new org.apache.kafka.common.TopicPartition(s.raw, 0));
    assertThat(LandedFiles.dataFiles(fs, work)).filteredOn(f -> f.topicDir().equals(s.raw))
        .flatExtracting(f -> f.records().stream().map(r -> r.get("offset")).toList())
        .as("every raw offset once, the tombstone too").containsExactlyInAnyOrderElementsOf(range(rawEnd));
    assertThat(LandedFiles.dataFiles(fs, work)).filteredOn(f -> f.topicDir().equals(s.raw))
        .filteredOn(f -> f.dateDir().equals(WorkLayout.QUARANTINE_DATE.toString()))
        .flatExtracting(f -> f.records().stream().map(r -> r.get("offset")).toList())
        .containsExactlyInAnyOrderElementsOf(quarantined);

    assertThat(report(fs, work, s.avro).skippedTombstones()).isEqualTo(3);
    assertThat(report(fs, work, s.avro).outOfWindow()).isEqualTo(2);
    Path warehouse = new Path(s.properties().get("etl.warehouse.root"));
    assertThat(dateDirectories(fs, work, s)).as("hourly date directories").isNotEmpty()
        .allMatch(d -> d.matches("\\d{4}-\\d{2}-\\d{2}"));
    assertThat(dateDirectories(fs, warehouse, s)).as("merged date directories, the quarantine date among them")
        .contains(WorkLayout.QUARANTINE_DATE.toString()).allMatch(d -> d.matches("\\d{4}-\\d{2}-\\d{2}"));

    for (String topic : List.of(s.json, s.avro, s.raw)) {
      assertThat(alerts).as("a warning for " + topic).anySatisfy(a -> assertThat(a)
          .contains("topic " + topic + " hour", "records with event times outside the window"));
    }
  }

  private static void raiseTopicLimits(EtlTestEnvironment env, String... topics) throws Exception {
    Map<ConfigResource, Collection<AlterConfigOp>> ops = new java.util.HashMap<>();
    for (String topic : topics) {
      ops.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
          new AlterConfigOp(new ConfigEntry("max.message.bytes", String.valueOf(2 * HUGE)), AlterConfigOp.OpType.SET),
          new AlterConfigOp(new ConfigEntry("message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE)),
              AlterConfigOp.OpType.SET)));
    }
    env.kafka().admin().incrementalAlterConfigs(ops).all().get(60, TimeUnit.SECONDS);
  }

  private static KafkaProducer<byte[], byte[]> bigProducer(EtlTestEnvironment env) {
    Properties p = env.kafka().producerProperties();
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 3 * HUGE);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static Bad send(KafkaProducer<byte[], byte[]> producer, String topic, Long timestamp, String json,
      String reason) throws Exception {
    return send(producer, topic, timestamp, json.getBytes(StandardCharsets.UTF_8), reason);
  }

  private static Bad send(KafkaProducer<byte[], byte[]> producer, String topic, Long timestamp, byte[] value,
      String reason) throws Exception {
    long offset = producer.send(new ProducerRecord<>(topic, 0, timestamp, "poison".getBytes(StandardCharsets.UTF_8),
        value)).get(60, TimeUnit.SECONDS).offset();
    return new Bad(topic, offset, reason);
  }

  private static byte[] order(long seq, String createdAt) {
    GenericRecord order = new GenericData.Record(EtlScenario.ORDER);
    order.put("seq", seq);
    order.put("amount", 1L);
    order.put("created_at", createdAt);
    return EtlScenario.avroBinary(order);
  }

  /** Random bytes that start with a character no JSON text starts with, so they are never valid JSON. */
  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    bytes[0] = '#';
    return bytes;
  }

  private static List<Long> range(long end) {
    List<Long> offsets = new ArrayList<>();
    for (long o = 0; o < end; o++) {
      offsets.add(o);
    }
    return offsets;
  }

  private static Map<TopicPartition, List<Long>> landedSeqs(FileSystem fs, Path work, EtlScenario s) throws Exception {
    Map<TopicPartition, List<Long>> seqs = new TreeMap<>();
    for (LandedFile f : LandedFiles.dataFiles(fs, work)) {
      if (f.topicDir().equals(s.raw)) {
        continue;
      }
      TopicPartition tp = WorkLayout.parseDataFileName(f.name()).orElseThrow().partition();
      f.records().forEach(r -> seqs.computeIfAbsent(tp, k -> new ArrayList<>()).add((Long) r.get("seq")));
    }
    seqs.values().forEach(l -> l.sort(Long::compare));
    return seqs;
  }

  private static List<String> errorRecords(FileSystem fs, Path work) throws Exception {
    List<String> found = new ArrayList<>();
    for (LandedFile f : LandedFiles.errorFiles(fs, work)) {
      f.records().forEach(r -> found.add(r.get("topic") + "@" + r.get("offset")));
    }
    return found;
  }

  private static String reasonOf(FileSystem fs, Path work, Bad b) throws Exception {
    for (LandedFile f : LandedFiles.errorFiles(fs, work)) {
      for (GenericRecord r : f.records()) {
        if (r.get("topic").toString().equals(b.topic()) && (Long) r.get("offset") == b.offset()) {
          return r.get("reason").toString();
        }
      }
    }
    throw new AssertionError("no error record for " + b);
  }

  private static RangeReport report(FileSystem fs, Path work, String topic) throws Exception {
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(work, true);
    while (it.hasNext()) {
      Path p = it.next().getPath();
      if (p.getParent().getName().equals(WorkLayout.REPORTS_DIR) && p.getName().startsWith(topic + ".")) {
        try (InputStream in = fs.open(p)) {
          return ReportCodec.decode(in);
        }
      }
    }
    throw new AssertionError("no report of " + topic + " under " + work);
  }

  /** Names of the directories directly under each topic's directory, except _errors. */
  private static List<String> dateDirectories(FileSystem fs, Path root, EtlScenario s) throws Exception {
    List<String> dates = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      Path dir = it.next().getPath().getParent();
      String topic = dir.getParent().getName();
      if (List.of(s.json, s.avro, s.raw).contains(topic) && !dir.getName().equals(WorkLayout.ERRORS_DIR)
          && !dir.getName().startsWith("_")) {
        dates.add(dir.getName());
      }
    }
    return dates;
  }
}
