package org.kafkaetl.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.fixtures.KafkaFixture;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcOffsetStore;

/**
 * One isolated scenario on the shared environment: its own database, topics (json, avro, raw) and
 * work root, a producer that writes sequence-numbered messages and remembers what it sent.
 */
public final class EtlScenario {
  public static final Schema PAGE_VIEW = new Schema.Parser().parse("""
      {"type":"record","name":"PageView","namespace":"it","fields":[
        {"name":"user","type":"string"},
        {"name":"seq","type":"long"},
        {"name":"event_time","type":"long"}]}""");
  public static final Schema ORDER = new Schema.Parser().parse("""
      {"type":"record","name":"Order","namespace":"it","fields":[
        {"name":"seq","type":"long"},
        {"name":"amount","type":"long"},
        {"name":"created_at","type":"string"}]}""");

  private final EtlTestEnvironment env;
  private final KafkaFixture kafka;
  public final String name;
  public final String json;
  public final String avro;
  public final String raw;
  public final String workRoot;
  private final Map<String, String> properties = new HashMap<>();
  /** Sequence numbers sent per partition of the json and avro topics; offsets for the raw topic. */
  private final Map<TopicPartition, List<Long>> sent = new TreeMap<>();
  private final Map<TopicPartition, Long> nextSeq = new HashMap<>();
  private final List<Future<RecordMetadata>> rawSends = new ArrayList<>();
  private final List<RecordMetadata> rawAcks = new ArrayList<>();
  private final List<Long> undecodableOffsets = new ArrayList<>();

  public EtlScenario(EtlTestEnvironment env, Path tmp, int partitions) {
    this(env, env.kafka(), tmp, partitions);
  }

  /** A scenario on another broker than the shared one, e.g. one that requires authentication. */
  public EtlScenario(EtlTestEnvironment env, KafkaFixture kafka, Path tmp, int partitions) {
    this.env = env;
    this.kafka = kafka;
    this.name = EtlTestEnvironment.uniqueName("s").replaceAll("[^a-zA-Z0-9_]", "_");
    this.json = name + "_json";
    this.avro = name + "_avro";
    this.raw = name + "_raw";
    this.workRoot = env.hadoop().hdfsUri() + "/etl-it/" + name + "/work";
    for (String topic : List.of(json, avro, raw)) {
      kafka.createTopic(topic, partitions);
    }
    try {
      env.mariaDb().createDatabase(name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    properties.put("kafka.default.api.timeout.ms", "15000");
    properties.put("db.url", env.mariaDb().jdbcUrl(name));
    properties.put("db.user", env.mariaDb().user());
    properties.put("db.password", env.mariaDb().password());
    properties.put("etl.topics", String.join(",", json, avro, raw));
    properties.put("etl.work.root", workRoot);
    properties.put("etl.warehouse.root", env.hadoop().hdfsUri() + "/etl-it/" + name + "/warehouse");
    properties.put("etl.max.pull.time", "3m");
    properties.put("etl.stall.timeout", "60s");
    properties.put("topic." + json + ".format", "json");
    properties.put("topic." + json + ".schema", writeSchema(tmp, "page_view.avsc", PAGE_VIEW));
    properties.put("topic." + json + ".timestamp.field", "event_time");
    properties.put("topic." + avro + ".format", "avro");
    properties.put("topic." + avro + ".schema", writeSchema(tmp, "order.avsc", ORDER));
    properties.put("topic." + avro + ".timestamp.field", "created_at");
  }

  public Map<String, String> properties() {
    return properties;
  }

  public EtlScenario set(String key, String value) {
    properties.put(key, value);
    return this;
  }

  /** Lands only the given topic of this scenario; the others' settings are dropped. */
  public EtlScenario onlyTopic(String topic) {
    properties.put("etl.topics", topic);
    properties.keySet().removeIf(k -> k.startsWith("topic.") && !k.startsWith("topic." + topic + "."));
    return this;
  }

  public Database database() {
    return new Database(properties.get("db.url"), properties.get("db.user"), properties.get("db.password"));
  }

  public JdbcOffsetStore offsetStore() {
    return new JdbcOffsetStore(database());
  }

  /** Sends {@code count} JSON page views to a partition, with event time {@code eventTimeMs}. */
  public void sendJson(int partition, int count, long eventTimeMs) {
    for (int i = 0; i < count; i++) {
      long seq = nextSeq(json, partition);
      String value = "{\"user\":\"u" + seq + "\",\"seq\":" + seq + ",\"event_time\":" + eventTimeMs + "}";
      kafka.produce(json, partition, null, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Sends a message the JSON decoder must reject; its offset is remembered. */
  public void sendUndecodableJson(int partition) {
    try {
      undecodableOffsets.add(kafka.produce(json, partition, null, "{not json".getBytes(StandardCharsets.UTF_8))
          .get().offset());
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  public void sendAvro(int partition, int count, String createdAt) {
    for (int i = 0; i < count; i++) {
      long seq = nextSeq(avro, partition);
      GenericRecord order = new GenericData.Record(ORDER);
      order.put("seq", seq);
      order.put("amount", seq * 100);
      order.put("created_at", createdAt);
      kafka.produce(avro, partition, null, avroBinary(order));
    }
  }

  public void sendRaw(int partition, int count) {
    for (int i = 0; i < count; i++) {
      rawSends.add(kafka.produce(raw, partition, ("k" + i).getBytes(StandardCharsets.UTF_8),
          ("raw payload " + i).getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** Raw messages with a given Kafka timestamp (the raw format's event time). */
  public void sendRaw(int partition, int count, long timestampMs) {
    for (int i = 0; i < count; i++) {
      rawSends.add(kafka.produce(raw, partition, timestampMs, ("k" + i).getBytes(StandardCharsets.UTF_8),
          ("raw payload " + i).getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** Offsets per partition of the raw messages whose Kafka timestamp falls on {@code date} (UTC). */
  public Map<Integer, List<Long>> rawSentOn(java.time.LocalDate date) {
    sent();
    Map<Integer, List<Long>> offsets = new TreeMap<>();
    for (RecordMetadata m : rawAcks) {
      if (java.time.LocalDate.ofInstant(java.time.Instant.ofEpochMilli(m.timestamp()), java.time.ZoneOffset.UTC).equals(date)) {
        offsets.computeIfAbsent(m.partition(), k -> new ArrayList<>()).add(m.offset());
      }
    }
    offsets.values().forEach(l -> l.sort(Long::compare));
    return offsets;
  }

  /** Waits for all sends; returns per partition what was sent (sequence numbers, raw: offsets). */
  public Map<TopicPartition, List<Long>> sent() {
    kafka.flush();
    for (Future<RecordMetadata> f : rawSends) {
      try {
        RecordMetadata m = f.get();
        rawAcks.add(m);
        sent.computeIfAbsent(TopicPartition.of(m.topic(), m.partition()), k -> new ArrayList<>()).add(m.offset());
      } catch (InterruptedException | ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
    rawSends.clear();
    return sent;
  }

  public List<Long> undecodableOffsets() {
    return undecodableOffsets;
  }

  private long nextSeq(String topic, int partition) {
    TopicPartition tp = TopicPartition.of(topic, partition);
    long seq = nextSeq.merge(tp, 1L, Long::sum) - 1;
    sent.computeIfAbsent(tp, k -> new ArrayList<>()).add(seq);
    return seq;
  }

  /** A record as bare Avro binary, the way the avro format expects message values. */
  public static byte[] avroBinary(GenericRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String writeSchema(Path dir, String file, Schema schema) {
    try {
      Path path = dir.resolve(file);
      Files.writeString(path, schema.toString());
      return path.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
