package org.kafkaetl.it.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.core.plan.MapperAssignment;
import org.kafkaetl.core.plan.Planner;
import org.kafkaetl.core.plan.RunPlan;
import org.kafkaetl.core.plan.TopicPolicy;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;

/**
 * Measurements (3) and (7): 64 partitions whose sizes follow a Zipf law steep enough that
 * partition 0 holds about 40 % of the messages, planned onto 8 mappers by the real
 * {@link Planner} (split rule and packer) with the split rule off and on; the critical path is the
 * most loaded mapper's weighted messages, the ideal a perfect eighth. Then the real hourly run on
 * the minicluster both ways, timed, while {@link MapperRssProbe} watches the map task JVMs.
 */
final class SkewBench {
  static final int PARTITIONS = 64;
  static final int MAPPERS = 8;
  static final double TOP_SHARE = 0.40;
  private static final String FOLDED = "on, folded";

  private final EtlTestEnvironment env;
  private final BenchOptions options;
  private final BenchReport report;

  SkewBench(EtlTestEnvironment env, BenchOptions options, BenchReport report) {
    this.env = env;
    this.options = options;
    this.report = report;
  }

  /** The planned critical path for one split threshold. */
  record Planned(String splitThreshold, int events, double criticalPath, double ideal, double ratio,
      List<Double> mapperLoads) {}

  /** One minicluster run. */
  record Measured(String split, double seconds, int mappers, long longestMapperMillis, long medianMapperMillis,
      List<MapperRssProbe.Mapper> mapperJvms, long ranges, HourFiles files) {}

  void run() {
    long[] sizes = zipfSizes(options.skewRecords(), PARTITIONS, TOP_SHARE);
    long total = 0;
    for (long s : sizes) {
      total += s;
    }
    long ideal = (total + MAPPERS - 1) / MAPPERS;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("partitions", PARTITIONS);
    details.put("mappers", MAPPERS);
    details.put("messages", total);
    details.put("largestPartitionShare", EtlRateBench.round2((double) sizes[0] / total));
    details.put("zipfExponent", EtlRateBench.round2(zipfExponent(PARTITIONS, TOP_SHARE)));
    details.put("partitionSizes", sizes);

    // planned: pure computation with the real planner
    List<Planned> planned = new ArrayList<>();
    planned.add(plan("off", sizes, OptionalLong.empty()));
    for (int divisor : new int[] {1, 2, 4}) {
      planned.add(plan("total / " + (MAPPERS * divisor) + " = " + (ideal / divisor), sizes,
          OptionalLong.of(ideal / divisor)));
    }
    details.put("planned", planned);
    Planned off = planned.get(0);
    Planned on = planned.get(1);
    report.info("3", "skew: planned critical path / ideal, split rule off", String.format(Locale.ROOT,
        "%.2f (largest mapper %,.0f of ideal %,.0f messages)", off.ratio(), off.criticalPath(), off.ideal()));
    report.atMost("3", "skew: planned critical path / ideal, split rule on (threshold = total / 8)",
        String.format(Locale.ROOT, "%.3f (%d events; threshold total/16: %.3f, total/32: %.3f)", on.ratio(),
            on.events(), planned.get(2).ratio(), planned.get(3).ratio()), on.ratio(), 1.10);

    // measured on the minicluster
    String topic = "bench_skew";
    env.kafka().createTopic(topic, PARTITIONS);
    long t = System.nanoTime();
    BenchData.Produced produced = new BenchData(3).produce(env.kafka(), topic, BenchData.Format.RAW, sizes,
        System.currentTimeMillis());
    System.out.printf("[bench] produced %d skewed raw messages over %d partitions in %.1f s%n", produced.messages(),
        PARTITIONS, (System.nanoTime() - t) / 1e9);
    List<Measured> measured = new ArrayList<>();
    try (MapperRssProbe probe = new MapperRssProbe()) {
      int rounds = options.quick() ? 1 : 2;
      for (int round = 1; round <= rounds; round++) {
        measured.add(measure(topic, "off", OptionalLong.empty(), round, probe, false));
        measured.add(measure(topic, "on", OptionalLong.of(ideal), round, probe, false));
      }
      // The same run with the hour's reports folded into one index per topic afterwards.
      measured.add(measure(topic, FOLDED, OptionalLong.of(ideal), 1, probe, true));
    }
    details.put("measured", measured);
    details.put("mapperJvmOptions", env.hadoop().configuration().get("mapreduce.map.java.opts"));
    report.details("skew", details);

    double offSeconds = EtlRateBench.median(measured.stream().filter(m -> m.split().equals("off"))
        .map(Measured::seconds).toList());
    double onSeconds = EtlRateBench.median(measured.stream().filter(m -> m.split().equals("on"))
        .map(Measured::seconds).toList());
    long offLongest = measured.stream().filter(m -> m.split().equals("off")).mapToLong(Measured::longestMapperMillis)
        .max().orElse(0);
    long onLongest = measured.stream().filter(m -> m.split().equals("on")).mapToLong(Measured::longestMapperMillis)
        .max().orElse(0);
    report.info("3", "skew: minicluster run wall time, split off / on (" + produced.messages() + " messages)",
        String.format(Locale.ROOT, "%.1f s / %.1f s = %.2f; longest map JVM %.1f s / %.1f s", offSeconds, onSeconds,
            offSeconds / onSeconds, offLongest / 1000.0, onLongest / 1000.0));
    Measured lastOn = measured.stream().filter(m -> m.split().equals("on")).reduce((a, b) -> b).orElseThrow();
    Measured folded = measured.get(measured.size() - 1);
    report.info("11", "files an hour leaves in the work root (split on: " + lastOn.ranges() + " ranges of " + PARTITIONS
        + " partitions, one event date)", filesPerRange(lastOn));
    report.info("11", "the same with etl.reports.fold (" + folded.ranges() + " ranges)", filesPerRange(folded));
    List<MapperRssProbe.Mapper> all = measured.stream().filter(m -> !m.split().equals(FOLDED))
        .flatMap(m -> m.mapperJvms().stream()).toList();
    long peakKb = all.stream().mapToLong(MapperRssProbe.Mapper::peakHwmKb).max().orElse(0);
    List<Double> hwms = all.stream().map(m -> m.peakHwmKb() / 1024.0).toList();
    report.info("7", "peak RSS of a map task JVM (VmHWM of YarnChild, " + all.size() + " JVMs)",
        String.format(Locale.ROOT, "%.0f MiB max, %.0f MiB median (%s)", peakKb / 1024.0,
            hwms.isEmpty() ? 0 : EtlRateBench.median(hwms), details.get("mapperJvmOptions")));
  }

  private static String filesPerRange(Measured m) {
    HourFiles f = m.files();
    return String.format(Locale.ROOT, "%d files (%d data, %d reports, %d topic indexes, %d error, %d other) and %d"
        + " directories: %.2f files per range", f.files(), f.dataFiles(), f.reports(), f.indexes(), f.errorFiles(),
        f.otherFiles(), f.directories(), (double) f.files() / m.ranges());
  }

  private Measured measure(String topic, String split, OptionalLong threshold, int round, MapperRssProbe probe,
      boolean fold) {
    String name = "skew_" + split.replace(", ", "_") + "_" + round;
    String workRoot = env.hadoop().hdfsUri() + "/bench/" + name;
    Map<String, String> props = EtlRuns.properties(env, name, topic, BenchData.Format.RAW, null, workRoot);
    props.put("etl.max.mappers", Integer.toString(MAPPERS));
    threshold.ifPresent(t -> props.put("topic." + topic + ".split.threshold", Long.toString(t)));
    props.put("etl.reports.fold", Boolean.toString(fold));
    probe.drain();
    EtlRuns.Timed run = EtlRuns.run(props, env.hadoop().configuration());
    List<MapperRssProbe.Mapper> mappers = probe.drain();
    List<Double> lifetimes = mappers.stream().map(m -> (double) m.observedMillis()).toList();
    long longest = mappers.stream().mapToLong(MapperRssProbe.Mapper::observedMillis).max().orElse(0);
    HourFiles files;
    long ranges;
    try (java.sql.Connection c = new org.kafkaetl.offsets.Database(props.get("db.url"), props.get("db.user"),
            props.get("db.password")).connect(); java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM etl_offsets WHERE records > 0")) {
      rs.next();
      ranges = rs.getLong(1);
      files = HourFiles.count(env.hadoop().fileSystem(), new org.apache.hadoop.fs.Path(workRoot + "/work"));
    } catch (Exception e) {
      throw new IllegalStateException("cannot count what the run left: " + e.getMessage(), e);
    }
    Measured m = new Measured(split, EtlRateBench.round2(run.seconds()), mappers.size(), longest,
        lifetimes.isEmpty() ? 0 : Math.round(EtlRateBench.median(lifetimes)), mappers, ranges, files);
    System.out.printf("[bench] skew split %s round %d: %.1f s, %d map JVMs, longest %d ms, median %d ms, peak HWM %d MiB%n",
        split, round, run.seconds(), m.mappers(), m.longestMapperMillis(), m.medianMapperMillis(),
        mappers.stream().mapToLong(MapperRssProbe.Mapper::peakHwmKb).max().orElse(0) / 1024);
    return m;
  }

  static Planned plan(String label, long[] sizes, OptionalLong threshold) {
    String topic = "bench_skew";
    List<KafkaPartitionOffsets> kafka = new ArrayList<>();
    for (int p = 0; p < sizes.length; p++) {
      kafka.add(new KafkaPartitionOffsets(TopicPartition.of(topic, p), 0, sizes[p]));
    }
    RunPlan plan = new Planner(Map.of(topic, new TopicPolicy(topic, threshold, 1.0)), true, MAPPERS)
        .plan(Map.of(), kafka);
    double total = plan.assignments().stream().mapToDouble(MapperAssignment::weightedLoad).sum();
    double critical = plan.assignments().stream().mapToDouble(MapperAssignment::weightedLoad).max().orElse(0);
    double ideal = total / MAPPERS;
    return new Planned(label, plan.events().size(), critical, ideal, critical / ideal,
        plan.assignments().stream().map(MapperAssignment::weightedLoad).toList());
  }

  /** Partition sizes proportional to 1 / rank^s, s chosen so the largest holds {@code topShare}. */
  static long[] zipfSizes(long total, int partitions, double topShare) {
    double s = zipfExponent(partitions, topShare);
    double norm = 0;
    for (int i = 1; i <= partitions; i++) {
      norm += Math.pow(i, -s);
    }
    long[] sizes = new long[partitions];
    for (int i = 0; i < partitions; i++) {
      sizes[i] = Math.max(1, Math.round(total * Math.pow(i + 1, -s) / norm));
    }
    return sizes;
  }

  /** Bisection on the exponent: the largest share grows with it. */
  static double zipfExponent(int partitions, double topShare) {
    double lo = 0;
    double hi = 10;
    for (int i = 0; i < 100; i++) {
      double mid = (lo + hi) / 2;
      double norm = 0;
      for (int r = 1; r <= partitions; r++) {
        norm += Math.pow(r, -mid);
      }
      if (1 / norm < topShare) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }
}
