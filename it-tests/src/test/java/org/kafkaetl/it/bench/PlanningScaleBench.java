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
 * Measurement (4): bookkeeping of 1 k, 10 k and 100 k partitions — planning, finishRun and the
 * database reads of status and audit of one day — with 1 and 30 days of generated history. Each
 * case runs {@link PlanningProbe} in a fresh JVM with {@code -Xmx512m} against the MariaDB fixture
 * (real etl_offsets reads and writes); the ratios of 30 days to 1 day, measured in the same run, are
 * what count. End offsets come from a generated stand-in, labelled as such (a single test broker
 * cannot hold 10 k or 100 k partitions on this machine; without history, 1 k use the real broker).
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
    Map<Integer, Map<String, Object>> oneDay = new LinkedHashMap<>();
    for (int partitions : options.planningPartitions()) {
      for (int wantedDays : options.planningHistoryDays()) {
        int days = (int) Math.max(1, Math.min(wantedDays, options.planningMaxHistoryRows() / (24L * partitions)));
        if (days != wantedDays && options.planningHistoryDays().contains(days)) {
          continue; // already measured
        }
        Map<String, Object> r = measure(partitions, days);
        results.add(r);
        if (days == 1) {
          oneDay.put(partitions, r);
        }
        reportCase(partitions, days, wantedDays, r, oneDay.get(partitions));
      }
    }
    report.details("planning", Map.of("jvm", HEAP, "partitionsPerTopic", PER_TOPIC, "splitThreshold",
        PlanningProbe.SPLIT_THRESHOLD, "maxMappers", PlanningProbe.MAX_MAPPERS, "runs", results));
  }

  /**
   * One probe. Without history, 1 000 partitions read a real broker's offsets; with history every
   * size uses the generated stand-in, whose offsets continue the generated rows.
   */
  private Map<String, Object> measure(int partitions, int days) throws Exception {
    String db = "bench_plan_" + partitions;
    env.mariaDb().recreateDatabase(db);
    String source = "stand-in";
    String prefix = "plan" + partitions + "_t";
    if (partitions <= REAL_BROKER_UP_TO && days == 0) {
      source = env.kafka().bootstrapServers();
      realTopics(prefix, partitions);
    }
    Map<String, Object> r = probe(List.of(env.mariaDb().jdbcUrl(db), env.mariaDb().user(), env.mariaDb().password(),
        Integer.toString(partitions), Integer.toString(PER_TOPIC), source, prefix, Integer.toString(days)));
    env.mariaDb().recreateDatabase(db); // gives the disk back before the next case
    System.out.printf("[bench] planning %d partitions, %d days of history: %s%n", partitions, days, r);
    return r;
  }

  private void reportCase(int partitions, int days, int wantedDays, Map<String, Object> r, Map<String, Object> oneDay) {
    double seconds = num(r, "planningSeconds");
    long afterGc = ((Number) r.get("maxHeapAfterGcMiB")).longValue();
    String history = String.format(Locale.ROOT, "%d days of history (%,d GENERATED rows%s)", days,
        ((Number) r.getOrDefault("historyRows", 0)).longValue(),
        days == wantedDays ? "" : "; " + wantedDays + " days asked, capped by rows generated per case");
    String result = String.format(Locale.ROOT,
        "planning %.2f s (median of the rounds; the first: read %.2f + split/pack %.2f + write %.2f; %,d events), markRunning %.2f s, finishRun %.2f s (%s), status %.2f s (hour by hour, first round: %.2f s),"
            + " audit %.2f s; server CPU (median, its purge counted) %s; heap after GC <= %s, ran under %s; MariaDB buffer pool %s; offsets: %s%s",
        seconds, num(r, "mysqlReadSeconds"), num(r, "splitPackSeconds"), num(r, "writeRowsSeconds"),
        ((Number) r.get("events")).longValue(), num(r, "markRunningSeconds"), num(r, "finishRunSeconds"),
        PlanningProbe.OUTCOMES_SHORT ? "every range a record short of its offsets: row by row" : "whole ranges",
        num(r, "statusSeconds"),
        num(r, "statusHourByHourSeconds"),
        num(r, "auditSeconds"), r.getOrDefault("serverCpuSeconds", "not read (server not on this machine)"), afterGc == 0 ? "? (no GC ran)" : afterGc + " MiB", HEAP,
        System.getProperty("kafka.etl.it.mariadb.buffer.pool", "64M"),
        r.get("offsetsSource").toString().startsWith("real") ? "real broker" : "STAND-IN (generated)",
        oneDay == null || days == 1 ? "" : String.format(Locale.ROOT, "; against 1 day: planning %.2fx, finishRun"
            + " %.2fx, status %.2fx, audit %.2fx", ratio(r, oneDay, "planningSeconds"),
            ratio(r, oneDay, "finishRunSeconds"), ratio(r, oneDay, "statusSeconds"), ratio(r, oneDay, "auditSeconds")));
    String name = String.format(Locale.ROOT, "bookkeeping %,d partitions, %s", partitions, history);
    if (partitions == 100_000) {
      // the probe ran with -Xmx512m, so it finishing at all shows it fits in 512 MiB
      boolean met = seconds <= 5 && num(r, "finishRunSeconds") <= 5;
      report.row("4", name, result, "planning <= 5 s, finishRun <= 5 s, <= 512 MiB",
          met ? BenchReport.Verdict.MET : BenchReport.Verdict.MISSED);
    } else {
      report.info("4", name, result);
    }
    if (oneDay != null && days > 1) {
      double worst = Math.max(Math.max(ratio(r, oneDay, "planningSeconds"), ratio(r, oneDay, "finishRunSeconds")),
          Math.max(ratio(r, oneDay, "statusSeconds"), ratio(r, oneDay, "auditSeconds")));
      report.row("4", String.format(Locale.ROOT, "bookkeeping %,d partitions: %d days of history against 1", partitions,
          days), String.format(Locale.ROOT, "worst ratio %.2fx", worst), "each <= 1.2x",
          worst <= 1.2 ? BenchReport.Verdict.MET : BenchReport.Verdict.MISSED);
    }
  }

  private static double ratio(Map<String, Object> r, Map<String, Object> base, String key) {
    return num(r, key) / Math.max(0.001, num(base, key));
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
        HEAP, "-D" + PlanningProbe.OUTCOMES + "=" + System.getProperty(PlanningProbe.OUTCOMES, "whole"),
        "-cp", System.getProperty("java.class.path"), PlanningProbe.class.getName()));
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
