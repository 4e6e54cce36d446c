package org.kafkaetl.it.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;

/**
 * Measurement (4): planning 1 k, 10 k and 100 k partitions. Each size runs {@link PlanningProbe} in
 * a fresh JVM with {@code -Xmx512m} against the MariaDB fixture (real etl_offsets reads and
 * writes). End offsets come from the real broker for 1 k partitions (one topic of 1 000
 * partitions); larger sizes use a generated stand-in, labelled as such, because a single test
 * broker cannot hold 10 k or 100 k partitions on this machine.
 */
final class PlanningScaleBench {
  static final String HEAP = "-Xmx512m";
  private static final int PER_TOPIC = 1_000;
  private static final int REAL_BROKER_UP_TO = 1_000;

  private final EtlTestEnvironment env;
  private final BenchOptions options;
  private final BenchReport report;

  PlanningScaleBench(EtlTestEnvironment env, BenchOptions options, BenchReport report) {
    this.env = env;
    this.options = options;
    this.report = report;
  }

  void run() throws Exception {
    List<Map<String, Object>> results = new ArrayList<>();
    for (int partitions : options.planningPartitions()) {
      String db = "bench_plan_" + partitions;
      env.mariaDb().recreateDatabase(db);
      String source = "stand-in";
      String prefix = "plan" + partitions + "_t";
      if (partitions <= REAL_BROKER_UP_TO) {
        source = env.kafka().bootstrapServers();
        realTopics(prefix, partitions);
      }
      Map<String, Object> r = probe(List.of(env.mariaDb().jdbcUrl(db), env.mariaDb().user(), env.mariaDb().password(),
          Integer.toString(partitions), Integer.toString(PER_TOPIC), source, prefix));
      results.add(r);
      System.out.printf("[bench] planning %d partitions: %s%n", partitions, r);
      System.out.printf("[bench] planning %d partitions: writing rows, driver thread's wall time %s; waits at %s%n",
          partitions, r.get("writeRowsWallTime"), r.get("writeRowsWaitSites"));
      double seconds = ((Number) r.get("planningSeconds")).doubleValue();
      long afterGc = ((Number) r.get("maxHeapAfterGcMiB")).longValue();
      String result = String.format(Locale.ROOT,
          "%.2f s (read %.2f + split/pack %.2f + write %.2f; %,d events); heap after GC <= %s (plan %d MiB), "
              + "ran under %s; offsets: %s, %.2f s",
          seconds, num(r, "mysqlReadSeconds"), num(r, "splitPackSeconds"), num(r, "writeRowsSeconds"),
          ((Number) r.get("events")).longValue(), afterGc == 0 ? "? (no GC ran)" : afterGc + " MiB",
          ((Number) r.get("heapHoldingPlanMiB")).longValue(), HEAP,
          partitions <= REAL_BROKER_UP_TO ? "real broker" : "STAND-IN (generated)", num(r, "kafkaOffsetsSeconds"));
      String name = String.format(Locale.ROOT, "planning %,d partitions: MySQL read + split + pack + write rows",
          partitions);
      if (partitions == 100_000) {
        // the probe ran with -Xmx512m, so it finishing at all shows it fits in 512 MiB
        report.row("4", name, result, "<= 5 s, <= 512 MiB", seconds <= 5 ? BenchReport.Verdict.MET
            : BenchReport.Verdict.MISSED);
      } else {
        report.info("4", name, result);
      }
    }
    report.details("planning", Map.of("jvm", HEAP, "partitionsPerTopic", PER_TOPIC, "splitThreshold",
        PlanningProbe.SPLIT_THRESHOLD, "maxMappers", PlanningProbe.MAX_MAPPERS, "runs", results));
  }

  /** Topics of 1 000 partitions on the real broker, each partition holding a few messages. */
  private void realTopics(String prefix, int partitions) {
    BenchData data = new BenchData(44);
    for (int t = 0; t * PER_TOPIC < partitions; t++) {
      String topic = prefix + t;
      int n = Math.min(PER_TOPIC, partitions - t * PER_TOPIC);
      env.kafka().createTopic(topic, n);
      long[] perPartition = new long[n];
      java.util.Arrays.fill(perPartition, 20);
      data.produce(env.kafka(), topic, BenchData.Format.RAW, perPartition, System.currentTimeMillis());
    }
  }

  private static double num(Map<String, Object> r, String key) {
    return ((Number) r.get(key)).doubleValue();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> probe(List<String> args) throws IOException, InterruptedException, SQLException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        HEAP, "-cp", System.getProperty("java.class.path"), PlanningProbe.class.getName()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String resultLine = null;
    List<String> output = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(PlanningProbe.RESULT)) {
          resultLine = line.substring(PlanningProbe.RESULT.length());
        } else {
          output.add(line);
        }
      }
    }
    if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0 || resultLine == null) {
      throw new IllegalStateException("planning probe failed (exit " + process.exitValue() + "):\n"
          + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size())));
    }
    return new ObjectMapper().readValue(resultLine, LinkedHashMap.class);
  }
}
