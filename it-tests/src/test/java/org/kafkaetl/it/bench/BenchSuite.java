package org.kafkaetl.it.bench;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.Quiet;

/**
 * {@code scripts/bench}: starts a real Kafka broker, a private MariaDB and the Hadoop minicluster
 * (and uses Hadoop local mode beside it), runs each measurement, prints one table and
 * writes it with every detail to {@code target/bench/bench.json}. Not part of the test suite.
 *
 * <p>Arguments: the project root, {@code --quick} for smaller data, {@code --only=etl,skew,...}.
 */
public final class BenchSuite {
  private final BenchOptions options;

  private BenchSuite(BenchOptions options) {
    this.options = options;
  }

  public static void main(String[] args) {
    Quiet.infrastructureLogs();
    // exec:java runs this in Maven's JVM, whose java.class.path is Maven's launcher. The minicluster
    // hands its containers java.class.path (MRApps.setClasspath when yarn.is.minicluster is set), so
    // it must name the project's test class path, or no map task JVM finds its classes.
    System.setProperty("java.class.path", classPath());
    // As the failsafe configuration does: the minicluster's job history (asked for a finished job's
    // map tasks) reads Avro-encoded events, whose classes Avro refuses unless trusted.
    System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES",
        "org.apache.hadoop.mapreduce.jobhistory,java.lang,java.util,org.apache.avro.util");
    int status;
    try {
      status = new BenchSuite(BenchOptions.parse(args)).run();
    } catch (Exception | Error e) {
      System.out.flush();
      System.err.println("benchmark failed: " + e);
      e.printStackTrace();
      status = 1;
    }
    System.out.flush();
    System.err.flush();
    // Kafka and Hadoop leave non-daemon threads behind; the fixtures are closed, so end the JVM here.
    System.exit(status);
  }

  private int run() throws Exception {
    long started = System.nanoTime();
    BenchReport report = new BenchReport(options);
    EtlRuns.deleteRecursively(options.workDir());
    Files.createDirectories(options.outDir());
    System.out.printf("[bench] %s mode; load average %s; other JVMs: %s%n", options.quick() ? "quick" : "full",
        BenchReport.loadAverage(), BenchReport.otherJavaProcesses());
    try (EtlTestEnvironment env = Quiet.stdout(() -> EtlTestEnvironment.start(options.workDir()))) {
      if (options.runs("etl")) {
        section("(1)+(2) plain consumer vs ETL rate", () -> new EtlRateBench(env, options, report).run());
      }
      if (options.runs("skew")) {
        section("(3)+(7) skew: planned critical path, minicluster runs, map task RSS",
            () -> new SkewBench(env, options, report).run());
      }
      if (options.runs("planning")) {
        section("(4) planning scale", () -> new PlanningScaleBench(env, options, report).run());
      }
      if (options.runs("merge")) {
        section("(5) merge vs plain HDFS copy", () -> merge(env, report));
      }
      if (options.runs("mergescale")) {
        section("(5b) merge of one hour at growing partition counts", () -> mergeScale(env, report));
      }
      if (options.runs("rerun")) {
        section("(6) rerun cost", () -> new RerunCostBench(env, options, report).run());
      }
      if (options.runs("sizing")) {
        section("(9) bursts: runs sized from measured throughput vs the fixed configuration",
            () -> new SizingBench(env, options, report).run());
      }
      if (options.runs("registry")) {
        section("(10) avro-confluent vs bare avro", () -> new RegistryRateBench(env, options, report).run());
      }
      if (options.runs("fleet")) {
        section("(8) status of every topic", () -> new FleetStatusBench(env, options, report).run());
      }
    }
    report.note(String.format("whole suite %.0f s", (System.nanoTime() - started) / 1e9));
    report.print(System.out);
    Path json = options.outDir().resolve("bench.json");
    report.writeJson(json);
    System.out.println("[bench] wrote " + json);
    return 0;
  }

  private void merge(EtlTestEnvironment env, BenchReport report) throws Exception {
    MergeThroughputBench.Result r = MergeThroughputBench.measure(env, "bench_merge", options.mergeFilesPerPartition());
    if (r.exitCode() != 0) {
      throw new IllegalStateException("the merge did not succeed: " + r.message());
    }
    double mb = r.megabytes();
    System.out.printf("[bench] merge rounds %s s, copy rounds %s s; merging thread's wall time: %s%n",
        rounded(r.mergeSeconds()), rounded(r.concatenatedSeconds()), ThreadSampler.line(r.mergeProfile()));
    System.out.printf("[bench] merge waits at %s%n", r.mergeProfile().topWaitSites());
    System.out.printf("[bench] copying thread's wall time: %s; waits at %s%n", ThreadSampler.line(r.copyProfile()),
        r.copyProfile().topWaitSites());
    report.atLeast("5", "merge MB/s / plain HDFS copy MB/s (same bytes into 1 file per partition, minicluster)",
        String.format(Locale.ROOT, "%.2f (merge %.1f MB/s, copy %.1f MB/s; %d files, %.1f MB; rounds merge %s, copy %s)",
            r.mergeOverCopy(), mb / r.mergeMedian(), mb / r.concatenatedMedian(), r.files(), mb,
            rounded(r.mergeSeconds()), rounded(r.concatenatedSeconds())), r.mergeOverCopy(), 0.80);
    report.info("5", "merge --rebuild of the same day (scratch files, rename over the daily files), once",
        String.format(Locale.ROOT, "%.2f s, %.1f MB/s", r.rebuildSeconds(), mb / r.rebuildSeconds()));
    report.info("5", "plain HDFS copy file by file (FileUtil.copy, one output per hourly file)",
        String.format(Locale.ROOT, "%.1f MB/s; merge is %.2f x as fast", mb / r.fileByFileSeconds(),
            r.fileByFileSeconds() / r.mergeMedian()));
    report.details("merge", r);
  }

  private void mergeScale(EtlTestEnvironment env, BenchReport report) throws Exception {
    List<MergeScaleBench.Result> results = new ArrayList<>();
    List<Integer> threads = options.mergeScaleThreads();
    for (int partitions : options.mergeScalePartitions()) {
      for (int t : threads) {
        MergeScaleBench.Result r = MergeScaleBench.measure(env, "bench_mscale_" + partitions + "_" + t, partitions, t);
        System.out.printf("[bench] merge of one hour, %d partitions, %d threads: %.2f s, %.2f ms and %d HDFS calls a"
            + " partition %s; merge threads' wall time: %s; by step: %s%n", partitions, t, r.seconds(),
            r.millisPerPartition(), r.opsPerPartition(), r.hdfsOps(), ThreadSampler.line(r.profile()),
            r.profile().topOwnFrames());
        report.info("5b", "merge of one hour, " + partitions + " partitions (1 small hourly file each, minicluster), "
            + t + " threads", String.format(Locale.ROOT, "%.2f s; %.2f ms and %d HDFS calls a partition", r.seconds(),
                r.millisPerPartition(), r.opsPerPartition()));
        results.add(r);
      }
    }
    int first = threads.get(0);
    List<MergeScaleBench.Result> atFirst = results.stream().filter(r -> r.threads() == first).toList();
    MergeScaleBench.Result smallest = atFirst.get(0);
    MergeScaleBench.Result largest = atFirst.get(atFirst.size() - 1);
    double growth = largest.millisPerPartition() / smallest.millisPerPartition();
    report.atMost("5b", "merge cost a partition at " + largest.partitions() + " / at " + smallest.partitions()
        + " partitions, " + first + " threads (1.0 = linear)", String.format(Locale.ROOT, "%.2f", growth), growth, 1.5);
    for (int t : threads.subList(1, threads.size())) {
      for (MergeScaleBench.Result base : atFirst) {
        results.stream().filter(r -> r.threads() == t && r.partitions() == base.partitions()).findFirst()
            .ifPresent(r -> report.info("5b", String.format(Locale.ROOT, "merge of %,d partitions: %d threads / %d",
                base.partitions(), t, first), String.format(Locale.ROOT, "%.2f of the time",
                    r.seconds() / base.seconds())));
      }
    }
    report.details("mergescale", results);
  }

  private static List<Double> rounded(List<Double> values) {
    return values.stream().map(EtlRateBench::round2).toList();
  }

  /** A measurement; any failure fails the suite. */
  private interface Measurement {
    void run() throws Exception;
  }

  private static void section(String name, Measurement measurement) throws Exception {
    long t = System.nanoTime();
    System.out.printf("%n[bench] == %s (load average %s)%n", name, BenchReport.loadAverage());
    measurement.run();
    System.out.printf("[bench] == %s done in %.0f s%n", name, (System.nanoTime() - t) / 1e9);
  }

  /** This JVM's class path: the exec plugin's class loader when run by Maven, else java.class.path. */
  static String classPath() {
    if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
      List<String> entries = new ArrayList<>();
      for (URL url : loader.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException e) {
          throw new IllegalStateException("class path entry " + url, e);
        }
      }
      return String.join(File.pathSeparator, entries);
    }
    return System.getProperty("java.class.path");
  }

}
