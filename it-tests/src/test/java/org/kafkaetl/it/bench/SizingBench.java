package org.kafkaetl.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.it.support.RunMapTasks;

/**
 * Measurement (9): a steady hour on 4 partitions, then bursts of 1x, 3x and 10x the steady load on
 * two of them, each landed on the minicluster twice from the same offsets: by the fixed configuration
 * (no split threshold, etl.max.mappers=8) and by runs sized from measured throughput (split.threshold
 * auto, etl.target.run.time set to what the steady hour took its one map task). Wall time and map
 * tasks of each run, and what the sizing expected.
 */
final class SizingBench {
  private static final int PARTITIONS = 4;
  private static final int[] BURSTS = {1, 3, 10};
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EtlTestEnvironment env;
  private final BenchOptions options;
  private final BenchReport report;

  SizingBench(EtlTestEnvironment env, BenchOptions options, BenchReport report) {
    this.env = env;
    this.options = options;
    this.report = report;
  }

  /** One hourly run of one configuration. */
  record Measured(String mode, int burst, long messages, double seconds, int mapTasks, String sizing) {}

  void run() throws Exception {
    long steady = options.quick() ? 5_000 : 25_000;
    String topic = "bench_sizing";
    env.kafka().createTopic(topic, PARTITIONS);
    BenchData data = new BenchData(9);
    Map<String, String> fixed = props("sizing_fixed", topic);
    Map<String, String> auto = props("sizing_auto", topic);
    auto.put("topic." + topic + ".split.threshold", "auto");
    auto.put("etl.target.run.time", "1h");
    auto.put("etl.sizing.start.rate", "100000000");

    long now = System.currentTimeMillis();
    data.produce(env.kafka(), topic, BenchData.Format.RAW, perPartition(steady, 1), now);
    List<Measured> measured = new ArrayList<>();
    measured.add(measure("fixed", 0, fixed));
    Measured warmUp = measure("auto", 0, auto);
    measured.add(warmUp);
    // The target: what the steady hour took its one map task, at the rate it measured.
    double rate = JSON.readTree(warmUp.sizing()).path("topics").get(0).path("messagesPerSecond").asDouble();
    double measuredRate = measuredRate(auto, topic);
    long targetMillis = (long) Math.ceil(steady * PARTITIONS * 1000.0 / measuredRate);
    auto.put("etl.target.run.time", targetMillis + "ms");
    System.out.printf("[bench] sizing: steady hour %d messages; measured %.0f msg/s per map task (started at %.0f);"
        + " target %d ms%n", steady * PARTITIONS, measuredRate, rate, targetMillis);

    for (int burst : BURSTS) {
      data.produce(env.kafka(), topic, BenchData.Format.RAW, perPartition(steady, burst), System.currentTimeMillis());
      measured.add(measure("fixed", burst, fixed));
      measured.add(measure("auto", burst, auto));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("steadyPerPartition", steady);
    details.put("measuredRate", Math.round(measuredRate));
    details.put("targetMillis", targetMillis);
    details.put("runs", measured);
    report.details("sizing", details);
    for (int burst : BURSTS) {
      Measured f = measured.stream().filter(m -> m.burst() == burst && m.mode().equals("fixed")).findFirst().orElseThrow();
      Measured a = measured.stream().filter(m -> m.burst() == burst && m.mode().equals("auto")).findFirst().orElseThrow();
      JsonNode sizing = JSON.readTree(a.sizing());
      report.info("9", String.format(Locale.ROOT, "burst %dx on 2 of 4 partitions (%,d messages): run wall time and"
          + " map tasks, fixed / auto", burst, a.messages()), String.format(Locale.ROOT,
          "%.1f s, %d tasks / %.1f s, %d tasks (auto expected %.1f s of reading, target %.1f s%s)", f.seconds(),
          f.mapTasks(), a.seconds(), a.mapTasks(), sizing.path("expectedMillis").asLong() / 1000.0,
          targetMillis / 1000.0, sizing.path("withinTarget").asBoolean() ? "" : ", over: " + sizing.path("bound")
              .asText()));
    }
  }

  private Map<String, String> props(String name, String topic) {
    Map<String, String> p = EtlRuns.properties(env, name, topic, BenchData.Format.RAW, null,
        env.hadoop().hdfsUri() + "/bench/" + name);
    p.put("etl.max.mappers", "8");
    return p;
  }

  private static long[] perPartition(long steady, int burst) {
    long[] sizes = new long[PARTITIONS];
    for (int p = 0; p < PARTITIONS; p++) {
      sizes[p] = p < 2 ? steady * burst : steady;
    }
    return sizes;
  }

  private Measured measure(String mode, int burst, Map<String, String> props) throws Exception {
    EtlRuns.Timed run = EtlRuns.run(props, env.hadoop().configuration());
    String sizing = run.result().message().lines().filter(l -> l.startsWith("sizing {"))
        .map(l -> l.substring("sizing ".length())).findFirst().orElse("{}");
    Measured m = new Measured(mode, burst, run.records(), EtlRateBench.round2(run.seconds()),
        mapTasks(props, run.result().runId()), sizing);
    System.out.printf("[bench] sizing %s burst %dx: %,d messages in %.1f s on %d map tasks %s%n", mode, burst,
        m.messages(), m.seconds(), m.mapTasks(), sizing);
    return m;
  }

  private static Database database(Map<String, String> props) {
    return new Database(props.get("db.url"), props.get("db.user"), props.get("db.password"));
  }

  /** The per-map-task rate the warm-up run measured. */
  private static double measuredRate(Map<String, String> props, String topic) throws Exception {
    try (Connection c = database(props).connect(); PreparedStatement ps = c.prepareStatement(
        "SELECT messages, read_millis FROM etl_topic_throughput WHERE topic = ? ORDER BY run_id DESC LIMIT 1")) {
      ps.setString(1, topic);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getLong(2) <= 0) {
          throw new IllegalStateException("the warm-up run measured nothing");
        }
        return rs.getLong(1) * 1000.0 / rs.getLong(2);
      }
    }
  }

  /** Map tasks the run's job ran, from the cluster. */
  private int mapTasks(Map<String, String> props, long runId) throws Exception {
    return RunMapTasks.of(database(props), env.hadoop().configuration(), runId);
  }

}
