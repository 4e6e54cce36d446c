package org.kafkaetl.it.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kafkaetl.it.bench.BenchData.Format;
import org.kafkaetl.it.bench.ConsumerLimit.Rate;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;

/**
 * Rate and file size per codec on the raw topic, the table the default codec is chosen from: for
 * each codec of {@link CodecChoice#SWEEP}, a plain consumer read, the minimal pipeline and the job,
 * side by side; {@code -Dbench.codec.passes=N} (default 1) repeats the sweep N times, codecs in
 * turn, and reports each codec's medians, so a busy minute on the shared machine does not decide.
 */
final class CodecSweep {
  private final EtlTestEnvironment env;
  private final ConsumerLimit consumer;
  private final BenchOptions options;
  private final BenchReport report;
  private final Path minimalDir;
  private final EtlRateBench job;

  CodecSweep(EtlTestEnvironment env, ConsumerLimit consumer, BenchOptions options, BenchReport report,
      Path minimalDir, EtlRateBench job) {
    this.env = env;
    this.consumer = consumer;
    this.options = options;
    this.report = report;
    this.minimalDir = minimalDir;
    this.job = job;
  }

  /** Per codec: every pass's figures and their medians. */
  List<Map<String, Object>> run(EtlRateBench.FormatResult raw) {
    int passes = Integer.getInteger("bench.codec.passes", 1);
    Map<CodecChoice, List<double[]>> figures = new LinkedHashMap<>();
    Map<CodecChoice, Long> landed = new LinkedHashMap<>();
    long payload = 0;
    int round = 100;
    for (int pass = 0; pass < passes; pass++) {
      for (CodecChoice choice : CodecChoice.SWEEP) {
        Rate c = consumer.read(raw.topic(), options.etlPartitions(), raw.fetchSettings());
        BenchData.Produced produced = new BenchData.Produced(raw.records(), c.bytes());
        EtlRateBench.requireAll(c, produced);
        Rate m = EtlRateBench.requireAll(MinimalPipeline.land(env.kafka().bootstrapServers(), raw.topic(),
            options.etlPartitions(), choice.codecFactory(), minimalDir), produced);
        EtlRateBench.EtlRound e = job.etlRound(Format.RAW, raw.topic(), round++, choice, produced);
        double mapTaskMb = c.bytes() / 1e6 / e.mapTaskSeconds();
        double runMb = c.bytes() / 1e6 / e.seconds();
        // consumer MB/s, map task MB/s, minimal MB/s, map task / consumer, run / consumer, minimal / consumer
        double[] f = {c.mbPerSecond(), mapTaskMb, m.mbPerSecond(), mapTaskMb / c.mbPerSecond(),
            runMb / c.mbPerSecond(), m.mbPerSecond() / c.mbPerSecond()};
        figures.computeIfAbsent(choice, k -> new ArrayList<>()).add(f);
        landed.put(choice, e.landedBytes());
        payload = c.bytes();
        System.out.printf(Locale.ROOT, "[bench] raw, codec %s, pass %d: consumer %.1f MB/s, map task %.1f MB/s,"
            + " minimal pipeline %.1f MB/s; map task / consumer %.2f, minimal / consumer %.2f; files %.2f x payload%n",
            choice, pass + 1, f[0], f[1], f[2], f[3], f[5], (double) e.landedBytes() / c.bytes());
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    long payloadBytes = payload;
    figures.forEach((choice, passesOf) -> rows.add(row(choice, passesOf, landed.get(choice), payloadBytes)));
    return rows;
  }

  private Map<String, Object> row(CodecChoice choice, List<double[]> passes, long landedBytes, long payloadBytes) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("codec", choice.toString());
    row.put("passes", passes.size());
    String[] names = {"consumerMbPerSecond", "mapTaskMbPerSecond", "minimalPipelineMbPerSecond", "mapTaskOverConsumer",
        "runOverConsumer", "minimalOverConsumer"};
    double[] medians = new double[names.length];
    for (int i = 0; i < names.length; i++) {
      List<Double> values = new ArrayList<>();
      for (double[] p : passes) {
        values.add(p[i]);
      }
      medians[i] = EtlRateBench.median(values);
      row.put(names[i], EtlRateBench.rounded(values));
    }
    double size = (double) landedBytes / payloadBytes;
    row.put("landedBytesPerPayloadByte", EtlRateBench.round2(size));
    report.info("2", "raw envelope, codec " + choice + ": map task / consumer (run / consumer); minimal / consumer",
        String.format(Locale.ROOT, "%.2f (%.2f); %.2f; map task %.1f MB/s, minimal %.1f MB/s; files %.2f x payload;"
            + " medians of %d", medians[3], medians[4], medians[5], medians[1], medians[2], size, passes.size()));
    return row;
  }
}
