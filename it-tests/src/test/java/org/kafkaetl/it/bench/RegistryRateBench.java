package org.kafkaetl.it.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.it.bench.BenchData.Format;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.fixtures.SchemaRegistryFixture;

/**
 * Measurement (10): the hourly run's rate on an avro-confluent topic relative to a bare Avro topic with the
 * same records (the registry header in front of the same bytes), one mapper in local mode, in alternating
 * rounds after a warm-up of each; the writer schema comes from a real registry (Apicurio), the reader
 * schema is the subject's latest, so each message is also resolved.
 */
final class RegistryRateBench {
  private final EtlTestEnvironment env;
  private final BenchOptions options;
  private final BenchReport report;
  private final Path work;
  private final Configuration hadoop;

  RegistryRateBench(EtlTestEnvironment env, BenchOptions options, BenchReport report) {
    this.env = env;
    this.options = options;
    this.report = report;
    this.work = options.workDir().resolve("registry-rate");
    this.hadoop = EtlRuns.localHadoop(work.resolve("hadoop-tmp"));
  }

  /** Seconds per round of each topic, and the median of the rounds' rate ratios. */
  record Result(long records, List<Double> avroSeconds, List<Double> registrySeconds, List<Double> ratios,
      double medianRatio) {}

  void run() throws Exception {
    try (SchemaRegistryFixture registry = SchemaRegistryFixture.in(work.resolve("registry")).start()) {
      String avroTopic = "bench_registry_bare";
      String registryTopic = "bench_registry_framed";
      int id = register(registry, registryTopic + "-value");
      long[] perPartition = new long[1];
      Arrays.fill(perPartition, options.etlRecords());
      long now = System.currentTimeMillis();
      env.kafka().createTopic(avroTopic, 1);
      env.kafka().createTopic(registryTopic, 1);
      new BenchData(10).produce(env.kafka(), avroTopic, Format.AVRO, perPartition, now);
      new BenchData(10).produce(env.kafka(), registryTopic, Format.AVRO, perPartition, now, value -> framed(id, value));
      Path schema = BenchData.writeSchema(work.resolve("schemas"));
      List<Double> avro = new ArrayList<>();
      List<Double> framed = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      Map<String, String> registrySettings = Map.of("topic." + registryTopic + ".format", "avro-confluent",
          "schema.registry.url", registry.ccompatUrl());
      for (int round = 0; round <= options.etlRounds(); round++) {
        // Which topic goes first alternates, so neither always runs on a warmer JVM.
        boolean avroFirst = round % 2 == 0;
        double a = avroFirst ? round(avroTopic, schema, round, Map.of()) : 0;
        double r = round(registryTopic, schema, round, registrySettings);
        a = avroFirst ? a : round(avroTopic, schema, round, Map.of());
        if (round > 0) {
          avro.add(a);
          framed.add(r);
          ratios.add(a / r);
        }
      }
      double median = ratios.stream().sorted().toList().get(ratios.size() / 2);
      report.info("10", "ETL rate avro-confluent / bare avro (registry header + resolution, 1 mapper, local mode)",
          String.format(Locale.ROOT, "%.2f (%,d records; rounds avro %s s, avro-confluent %s s)", median,
              options.etlRecords(), avro, framed));
      report.details("registryRate", new Result(options.etlRecords(), avro, framed, ratios, median));
    }
  }

  /** One hourly run over the whole topic in a fresh database; its wall time. */
  private double round(String topic, Path schema, int round, Map<String, String> overrides) {
    String name = topic + "_" + round;
    Path dir = work.resolve(name);
    EtlRuns.deleteRecursively(dir);
    Map<String, String> props = EtlRuns.properties(env, name, topic, Format.AVRO, schema, dir.toUri().toString());
    props.put("etl.max.mappers", "1");
    props.putAll(overrides);
    if (!overrides.isEmpty()) {
      props.remove("topic." + topic + ".schema");
    }
    EtlRuns.Timed run = EtlRuns.run(props, hadoop);
    if (run.records() != options.etlRecords()) {
      throw new IllegalStateException(topic + ": the run landed " + run.records() + " of " + options.etlRecords());
    }
    EtlRuns.deleteRecursively(dir);
    return run.seconds();
  }

  /** Registers the bench schema under {@code subject} through the Confluent-compatible API; its id. */
  private static int register(SchemaRegistryFixture registry, String subject) throws Exception {
    String body = "{\"schema\":" + new com.fasterxml.jackson.databind.ObjectMapper()
        .writeValueAsString(BenchData.CLICK.toString()) + "}";
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(registry.ccompatUrl() + "/subjects/" + subject + "/versions"))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("registering the bench schema: HTTP " + response.statusCode() + " "
          + response.body());
    }
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("id").asInt();
  }

  private static byte[] framed(int id, byte[] avro) {
    return ByteBuffer.allocate(5 + avro.length).put((byte) 0).putInt(id).put(avro).array();
  }
}
