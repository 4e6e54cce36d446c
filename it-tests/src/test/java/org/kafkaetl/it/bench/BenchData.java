package org.kafkaetl.it.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.kafkaetl.it.fixtures.KafkaFixture;

/**
 * The benchmarks' messages: clicks of about 200 bytes as a raw log line, as bare Avro binary and
 * as a JSON object, with realistic redundancy (a few hosts, paths and user agents, random ids and
 * numbers) so compression has about as much to do as on real logs. Generated from a fixed seed.
 */
final class BenchData {
  /** The three message formats the job lands. */
  enum Format {
    RAW("raw"), AVRO("avro"), JSON("json");

    final String configName;

    Format(String configName) {
      this.configName = configName;
    }
  }

  static final Schema CLICK = new Schema.Parser().parse("""
      {"type":"record","name":"Click","namespace":"org.kafkaetl.bench","fields":[
        {"name":"user_id","type":"string"},
        {"name":"session_id","type":"string"},
        {"name":"url","type":"string"},
        {"name":"referrer","type":["null","string"],"default":null},
        {"name":"country","type":"string"},
        {"name":"user_agent","type":"string"},
        {"name":"status","type":"int"},
        {"name":"duration_ms","type":"int"},
        {"name":"event_time","type":"long"},
        {"name":"seq","type":"long"}]}""");

  private static final String[] PATHS = {"/", "/search", "/cart", "/checkout", "/help", "/product", "/category",
      "/account", "/api/v1/items", "/api/v1/recommendations"};
  private static final String[] COUNTRIES = {"CN", "US", "DE", "BR", "IN", "JP", "FR", "GB"};
  private static final String[] AGENTS = {
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Safari/604.1",
      "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Firefox/133.0",
      "Mozilla/5.0 (Linux; Android 15; Pixel 9) Chrome/131.0 Mobile"};
  private static final int[] STATUS = {200, 200, 200, 200, 200, 200, 301, 304, 404, 500};

  private final Random random;
  private final ByteArrayOutputStream avroBytes = new ByteArrayOutputStream(256);
  private final GenericDatumWriter<GenericRecord> avroWriter = new GenericDatumWriter<>(CLICK);
  private BinaryEncoder encoder;
  private long seq;

  BenchData(long seed) {
    this.random = new Random(seed);
  }

  /** The Avro schema file json and avro topics are configured with. */
  static Path writeSchema(Path dir) {
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve("click.avsc"), CLICK.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One message of the format; the key is the user id. */
  ProducerRecord<byte[], byte[]> message(Format format, String topic, int partition, long eventTime) {
    GenericRecord click = click(eventTime);
    byte[] key = click.get("user_id").toString().getBytes(StandardCharsets.UTF_8);
    byte[] value = switch (format) {
      case RAW -> logLine(click).getBytes(StandardCharsets.UTF_8);
      case AVRO -> avro(click);
      case JSON -> json(click).getBytes(StandardCharsets.UTF_8);
    };
    return new ProducerRecord<>(topic, partition, eventTime, key, value);
  }

  private GenericRecord click(long eventTime) {
    GenericRecord r = new GenericData.Record(CLICK);
    r.put("user_id", "u" + (1_000_000 + random.nextInt(9_000_000)));
    r.put("session_id", Long.toHexString(random.nextLong() | Long.MIN_VALUE));
    String path = PATHS[random.nextInt(PATHS.length)];
    r.put("url", "https://shop.example" + path + "/" + random.nextInt(100_000) + "?ref=" + random.nextInt(1000));
    r.put("referrer", random.nextInt(3) == 0 ? null : "https://search.example/?q=" + random.nextInt(10_000));
    r.put("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
    r.put("user_agent", AGENTS[random.nextInt(AGENTS.length)]);
    r.put("status", STATUS[random.nextInt(STATUS.length)]);
    r.put("duration_ms", random.nextInt(5_000));
    r.put("event_time", eventTime);
    r.put("seq", seq++);
    return r;
  }

  private static String logLine(GenericRecord c) {
    return c.get("event_time") + " " + c.get("country") + " " + c.get("user_id") + " " + c.get("session_id")
        + " GET " + c.get("url") + " " + c.get("status") + " " + c.get("duration_ms") + "ms ref="
        + c.get("referrer") + " \"" + c.get("user_agent") + "\"";
  }

  private byte[] avro(GenericRecord c) {
    avroBytes.reset();
    encoder = EncoderFactory.get().binaryEncoder(avroBytes, encoder);
    try {
      avroWriter.write(c, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return avroBytes.toByteArray();
  }

  /** Plain JSON as producers write it; the user agent is shortened so the text stays about 200 bytes. */
  private static String json(GenericRecord c) {
    String agent = c.get("user_agent").toString();
    return "{\"user_id\":\"" + c.get("user_id") + "\",\"session_id\":\"" + c.get("session_id") + "\",\"url\":\""
        + c.get("url") + "\",\"referrer\":" + (c.get("referrer") == null ? "null" : "\"" + c.get("referrer") + "\"")
        + ",\"country\":\"" + c.get("country") + "\",\"user_agent\":\"" + agent.substring(0, Math.min(24, agent.length()))
        + "\",\"status\":" + c.get("status") + ",\"duration_ms\":" + c.get("duration_ms") + ",\"event_time\":"
        + c.get("event_time") + ",\"seq\":" + c.get("seq") + "}";
  }

  /** What one produce call wrote: messages and key + value bytes. */
  record Produced(long messages, long payloadBytes) {
    double meanMessageBytes() {
      return messages == 0 ? 0 : (double) payloadBytes / messages;
    }
  }

  /**
   * Produces {@code perPartition[p]} messages to each partition p, interleaved, with a producer
   * tuned for throughput (256 KiB batches, no compression, acks=all, idempotent, one request in
   * flight), and waits until all are acknowledged.
   */
  Produced produce(KafkaFixture kafka, String topic, Format format, long[] perPartition, long eventTime) {
    return produce(kafka, topic, format, perPartition, eventTime, value -> value);
  }

  /** {@link #produce}, each value passed through {@code framing} first, e.g. to add a schema registry header. */
  Produced produce(KafkaFixture kafka, String topic, Format format, long[] perPartition, long eventTime,
      java.util.function.UnaryOperator<byte[]> framing) {
    Properties props = kafka.producerProperties();
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    // On this loaded machine a request can take longer than the default 30 s; an idempotent producer
    // that retries with several requests in flight then ran into OutOfOrderSequence errors.
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
    AtomicReference<Exception> failure = new AtomicReference<>();
    long messages = 0;
    long bytes = 0;
    long[] left = perPartition.clone();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      boolean more = true;
      while (more) {
        more = false;
        for (int p = 0; p < left.length; p++) {
          int chunk = (int) Math.min(left[p], 500);
          for (int i = 0; i < chunk; i++) {
            ProducerRecord<byte[], byte[]> plain = message(format, topic, p, eventTime);
            ProducerRecord<byte[], byte[]> m = new ProducerRecord<>(topic, p, eventTime, plain.key(),
                framing.apply(plain.value()));
            bytes += m.key().length + m.value().length;
            producer.send(m, (meta, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
          }
          left[p] -= chunk;
          messages += chunk;
          more |= left[p] > 0;
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("producing to " + topic + " failed", failure.get());
    }
    return new Produced(messages, bytes);
  }
}
