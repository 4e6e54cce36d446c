package org.kafkaetl.it.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.it.bench.BenchData.Format;
import org.kafkaetl.it.bench.ConsumerLimit.Rate;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;

/**
 * Measurements (1) and (2): per format, the plain consumer's rate over a topic (the physical
 * limit) and the real hourly run's rate over the same topic with one mapper in Hadoop local mode,
 * in the same JVM, in alternating rounds. Round 0 warms both up and is the profiled one; it does
 * not count. The ratio reported is the median of the rounds' ratios. A codec sweep runs the raw
 * topic once more per codec. The raw topic's rounds also run the map task with etl.read.ahead
 * beside the one without ({@link ReadAheadRounds}).
 */
final class EtlRateBench {
  private static final String MAP_THREAD = "LocalJobRunner Map Task Executor";
  private static final CodecChoice NO_CODEC = new CodecChoice("null", 0);

  private final EtlTestEnvironment env;
  private final BenchOptions options;
  private final BenchReport report;
  private final ConsumerLimit consumer;
  private final Configuration hadoop;
  private final Path schema;
  private final Path work;
  /** etl.avro.codec's default and its level: what every round but the codec sweep's lands with. */
  private final CodecChoice codec = CodecChoice.configDefault();

  EtlRateBench(EtlTestEnvironment env, BenchOptions options, BenchReport report) {
    this.env = env;
    this.options = options;
    this.report = report;
    this.consumer = new ConsumerLimit(env.kafka().bootstrapServers());
    this.work = options.workDir().resolve("etl-rate");
    this.hadoop = EtlRuns.localHadoop(work.resolve("hadoop-tmp"));
    this.schema = BenchData.writeSchema(work.resolve("schemas"));
  }

  /** One format's rounds. */
  record FormatResult(String format, String topic, long records, double meanMessageBytes, String fetchSettings,
      Map<String, Double> fetchSweepMbPerSecond, Map<String, Double> landingAloneMbPerSecond,
      List<Double> consumerMbPerSecond, List<Double> etlMbPerSecond,
      List<Double> ratios, double medianRatio, double consumerRecordsPerSecond, double consumerMbPerSecondMedian,
      double etlRecordsPerSecond, double etlMbPerSecondMedian, long landedBytes, Profile profile, String codec,
      RawRounds raw) {}

  /** The untimed warm-up round, profiled: its run time, the map task thread's lifetime, wall and CPU profiles. */
  record Profile(double runSeconds, long mapTaskThreadMillis, ThreadSampler.Summary wall, JfrProfile.Summary cpu) {}

  void run() {
    BenchData data = new BenchData(6);
    Map<String, Object> details = new LinkedHashMap<>();
    List<FormatResult> results = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (Format format : options.etlFormats()) {
      String topic = "bench_" + format.configName;
      env.kafka().createTopic(topic, options.etlPartitions());
      long[] perPartition = new long[options.etlPartitions()];
      Arrays.fill(perPartition, options.etlRecords() / options.etlPartitions());
      long t = System.nanoTime();
      BenchData.Produced produced = data.produce(env.kafka(), topic, format, perPartition, now);
      System.out.printf("[bench] produced %d %s messages (mean %.0f B) in %.1f s%n", produced.messages(),
          format.configName, produced.meanMessageBytes(), (System.nanoTime() - t) / 1e9);
      FormatResult r = measure(format, topic, produced);
      results.add(r);
      String f = format.configName;
      report.info("1", "plain consumer, " + f + " topic (" + r.fetchSettings() + ")", String.format(Locale.ROOT,
          "%,.0f records/s, %.1f MB/s", r.consumerRecordsPerSecond(), r.consumerMbPerSecondMedian()));
      double target = format == Format.JSON ? 0.35 : 0.70;
      report.atLeast("2", "ETL / plain consumer, " + label(format) + ", 1 mapper, local mode",
          String.format(Locale.ROOT, "%.2f (ETL %,.0f records/s, %.1f MB/s; rounds %s)", r.medianRatio(),
              r.etlRecordsPerSecond(), r.etlMbPerSecondMedian(), rounded(r.ratios())), r.medianRatio(), target);
      double alone = r.landingAloneMbPerSecond().get(codec.toString());
      report.info("2", "  landing alone (decoder + RangeLander, messages in memory, 1 thread), " + f,
          String.format(Locale.ROOT, "%.1f MB/s %s (%.2f of the consumer), %.1f MB/s null codec (%.2f)", alone, codec,
              alone / r.consumerMbPerSecondMedian(), r.landingAloneMbPerSecond().get("null"),
              r.landingAloneMbPerSecond().get("null") / r.consumerMbPerSecondMedian())
              + (r.raw() == null ? "" : String.format(Locale.ROOT, "; null with a record per message as before %.1f MB/s",
                  r.landingAloneMbPerSecond().get("null, a record per message"))));
      if (r.raw() != null) {
        RawRounds raw = r.raw();
        report.atLeast("2", "map task / plain consumer, raw envelope, " + codec + " (default), 1 mapper, local mode",
            String.format(Locale.ROOT, "%.2f (map task %.1f MB/s; rounds %s)", raw.mapTaskOverConsumerMedian(),
                raw.mapTaskMbPerSecondMedian(), rounded(raw.mapTaskOverConsumer())),
            raw.mapTaskOverConsumerMedian(), 0.35);
        report.atLeast("2", "map task / minimal pipeline (consumer -> DataFileWriter, 1 thread), raw, " + codec,
            String.format(Locale.ROOT, "%.2f (minimal %.1f MB/s; rounds %s; whole run / minimal %.2f)",
                raw.mapTaskOverMinimalMedian(), raw.minimalMbPerSecondMedian(), rounded(raw.mapTaskOverMinimal()),
                raw.runOverMinimalMedian()), raw.mapTaskOverMinimalMedian(), 0.90);
      }
    }
    details.put("formats", results);
    details.put("fixedRunSeconds", fixedRunCost());
    details.put("codecSweep", new CodecSweep(env, consumer, options, report, work.resolve("minimal"), this)
        .run(results.get(0)));
    details.put("records", options.etlRecords());
    details.put("partitions", options.etlPartitions());
    details.put("producer", "batch.size 256 KiB, linger.ms 20, no compression, acks=all");
    report.details("etlRate", details);
  }

  private static String label(Format f) {
    return switch (f) {
      case RAW -> "raw envelope";
      case AVRO -> "Avro binary pass-through";
      case JSON -> "JSON to Avro";
    };
  }

  private FormatResult measure(Format format, String topic, BenchData.Produced produced) {
    int partitions = options.etlPartitions();
    // fetch sweep: the limit is the best plain consumer we can configure
    consumer.read(topic, partitions, "large fetches");
    Map<String, Double> sweep = new LinkedHashMap<>();
    List<String> variants = new ArrayList<>(ConsumerLimit.SETTINGS.keySet());
    variants.add("job's consumer settings" + ConsumerLimit.ONE_AT_A_TIME);
    variants.add("large fetches" + ConsumerLimit.ONE_AT_A_TIME);
    for (int pass = 0; pass < 2; pass++) {
      for (String settings : variants) {
        Rate rate = requireAll(consumer.read(topic, partitions, settings), produced);
        sweep.merge(settings, round1(rate.mbPerSecond()), Math::max);
      }
    }
    String best = sweep.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    System.out.printf("[bench] %s: plain consumer fetch sweep (MB/s, best of 2) %s; limit uses '%s'%n",
        format.configName, sweep, best);

    // the map task's own work on one thread, messages in memory: the ceiling for the job
    List<org.kafkaetl.core.decode.KafkaMessage> inMemory =
        LandingCeiling.messages(format, Math.min(options.etlRecords(), 200_000), System.currentTimeMillis());
    long inMemoryBytes = inMemory.stream().mapToLong(m -> m.key().length + m.value().length).sum();
    Map<String, Double> ceiling = new LinkedHashMap<>();
    for (CodecChoice c : List.of(codec, NO_CODEC)) {
      try {
        double seconds = LandingCeiling.seconds(format, schema, inMemory, c, work.resolve("ceiling"), 3);
        ceiling.put(c.toString(), round1(inMemoryBytes / 1e6 / seconds));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    if (format == Format.RAW) {
      try {
        double seconds = LandingCeiling.seconds(format, schema, inMemory, NO_CODEC, work.resolve("ceiling"), 3, true);
        ceiling.put("null, a record per message", round1(inMemoryBytes / 1e6 / seconds));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    System.out.printf("[bench] %s: landing alone in memory (MB/s by codec) %s%n", format.configName, ceiling);

    // round 0: warm-up and profile, not counted
    JfrProfile.Summary cpu;
    ThreadSampler.Summary wall;
    EtlRound warmUp;
    try (JfrProfile jfr = JfrProfile.start(); ThreadSampler sampler = new ThreadSampler(MAP_THREAD)) {
      warmUp = etlRound(format, topic, 0, codec, produced);
      wall = sampler.summary();
      cpu = jfr.stop(options.outDir().resolve("profile-etl-" + format.configName + ".jfr"), MAP_THREAD);
    }
    System.out.printf("[bench] %s: profiled round %.2f s; map task thread lived %d ms; its wall time: %s%n",
        format.configName, warmUp.seconds(), cpu.threadMillis(), ThreadSampler.line(wall));
    System.out.printf("[bench] %s: its JFR CPU samples: %s%n", format.configName, JfrProfile.stageLine(cpu));
    System.out.printf("[bench] %s: hottest methods while computing: %s%n", format.configName, wall.topLeafMethods());
    Profile profile = new Profile(warmUp.seconds(), cpu.threadMillis(), wall, cpu);

    List<Double> consumerMb = new ArrayList<>();
    List<Double> consumerRecords = new ArrayList<>();
    List<Double> etlMb = new ArrayList<>();
    List<Double> etlRecords = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    long landed = 0;
    boolean raw = format == Format.RAW;
    List<Double> mapTask = new ArrayList<>();
    List<Double> minimalMb = new ArrayList<>();
    ReadAheadRounds readAhead = raw && ReadAheadRounds.wanted() ? new ReadAheadRounds(produced.payloadBytes()) : null;
    for (int round = 1; round <= options.etlRounds(); round++) {
      Rate c = requireAll(consumer.read(topic, partitions, best), produced);
      if (raw) {
        Rate m = requireAll(MinimalPipeline.land(env.kafka().bootstrapServers(), topic, partitions,
            codec.codecFactory(), work.resolve("minimal")), produced);
        minimalMb.add(m.mbPerSecond());
      }
      int r = round;
      EtlRound e = readAhead == null ? etlRound(format, topic, round, codec, produced)
          : readAhead.round(round, ahead -> etlRound(format, topic, r, codec, produced, ahead), minimalMb.get(r - 1));
      mapTask.add(e.mapTaskSeconds());
      landed = e.landedBytes();
      double etlMbPerSecond = produced.payloadBytes() / 1e6 / e.seconds();
      consumerMb.add(c.mbPerSecond());
      consumerRecords.add(c.recordsPerSecond());
      etlMb.add(etlMbPerSecond);
      etlRecords.add(produced.messages() / e.seconds());
      ratios.add(etlMbPerSecond / c.mbPerSecond());
      System.out.printf("[bench] %s round %d: consumer %.2f s (%.1f MB/s), ETL %.2f s (%.1f MB/s; map task %.2f s),"
          + " ratio %.2f%s%n", format.configName, round, c.seconds(), c.mbPerSecond(), e.seconds(), etlMbPerSecond,
          e.mapTaskSeconds(), etlMbPerSecond / c.mbPerSecond(),
          raw ? String.format(Locale.ROOT, "; minimal pipeline %.1f MB/s", minimalMb.get(minimalMb.size() - 1)) : "");
    }
    RawRounds rawRounds = raw ? RawRounds.of(produced, consumerMb, etlMb, mapTask, minimalMb, readAhead) : null;
    if (readAhead != null) {
      readAhead.report(report, codec);
    }

    return new FormatResult(format.configName, topic, produced.messages(), round1(produced.meanMessageBytes()), best,
        sweep, ceiling, rounded(consumerMb), rounded(etlMb), rounded(ratios), median(ratios), median(consumerRecords),
        median(consumerMb), median(etlRecords), median(etlMb), landed, profile, codec.toString(), rawRounds);
  }

  /** The run's cost without data to speak of: 4 partitions of one message each, three times, median. */
  private double fixedRunCost() {
    String topic = "bench_tiny";
    env.kafka().createTopic(topic, options.etlPartitions());
    long[] one = new long[options.etlPartitions()];
    Arrays.fill(one, 1);
    BenchData.Produced produced = new BenchData(9).produce(env.kafka(), topic, Format.RAW, one,
        System.currentTimeMillis());
    List<Double> seconds = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      seconds.add(etlRound(Format.RAW, topic, 200 + round, codec, produced).seconds());
    }
    double fixed = median(seconds);
    report.info("2", "fixed cost of one run in local mode (4 ranges of 1 message)", String.format(Locale.ROOT,
        "%.2f s (rounds %s)", fixed, rounded(seconds)));
    return fixed;
  }

  /** A run's wall time, the bytes it landed and its map task's lifetime. */
  record EtlRound(double seconds, long landedBytes, double mapTaskSeconds) {}

  EtlRound etlRound(Format format, String topic, int round, CodecChoice codec, BenchData.Produced produced) {
    return etlRound(format, topic, round, codec, produced, false);
  }

  /** The same, with etl.read.ahead as given. */
  EtlRound etlRound(Format format, String topic, int round, CodecChoice codec, BenchData.Produced produced,
      boolean readAhead) {
    String name = "etl_" + format.configName + "_" + round + (readAhead ? "_ahead" : "");
    Path dir = work.resolve(name);
    EtlRuns.deleteRecursively(dir);
    Map<String, String> props = EtlRuns.properties(env, name, topic, format, schema, dir.toUri().toString());
    props.put("etl.max.mappers", "1");
    props.put("etl.read.ahead", String.valueOf(readAhead));
    codec.applyTo(props);
    EtlRuns.Timed run;
    double mapTask;
    try (ThreadLifetime task = new ThreadLifetime(MAP_THREAD)) {
      run = EtlRuns.run(props, hadoop);
      mapTask = task.seconds();
    }
    if (run.records() != produced.messages()) {
      throw new IllegalStateException("the run landed " + run.records() + " records of " + produced.messages());
    }
    long landed = EtlRuns.avroBytes(dir.resolve("work"));
    EtlRuns.deleteRecursively(dir);
    return new EtlRound(run.seconds(), landed, mapTask);
  }

  static Rate requireAll(Rate rate, BenchData.Produced produced) {
    if (rate.records() != produced.messages() || rate.bytes() != produced.payloadBytes()) {
      throw new IllegalStateException("plain consumer read " + rate.records() + " records, " + rate.bytes()
          + " bytes; produced " + produced);
    }
    return rate;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static List<Double> rounded(List<Double> values) {
    return values.stream().map(EtlRateBench::round2).toList();
  }

  static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
