package org.kafkaetl.it.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code scripts/bench} asked for: the project root, full or quick sizes, and which
 * measurements to run. Every size lives here, so the table and the JSON can say what was measured.
 *
 * @param only measurement names to run; empty = all of {@link #SECTIONS}
 */
record BenchOptions(Path root, boolean quick, Set<String> only) {
  /** The measurements, in the order the suite runs them. */
  static final List<String> SECTIONS = List.of("etl", "skew", "planning", "merge", "mergescale", "rerun",
      "fleet", "sizing", "registry");

  static BenchOptions parse(String[] args) {
    Path root = null;
    boolean quick = false;
    Set<String> only = new LinkedHashSet<>();
    for (String arg : args) {
      if (arg.equals("--quick")) {
        quick = true;
      } else if (arg.startsWith("--only=")) {
        for (String name : arg.substring("--only=".length()).split(",")) {
          if (!SECTIONS.contains(name)) {
            throw new IllegalArgumentException("unknown measurement '" + name + "' in " + arg + "; known: " + SECTIONS);
          }
          only.add(name);
        }
      } else if (arg.startsWith("--")) {
        throw new IllegalArgumentException("unknown option " + arg + "; known: --quick, --only=" + String.join(",", SECTIONS));
      } else {
        root = Path.of(arg);
      }
    }
    return new BenchOptions(projectRoot(root), quick, only);
  }

  boolean runs(String section) {
    return only.isEmpty() || only.contains(section);
  }

  /** Where bench.json and the profiles go: {@code <root>/target/bench}. */
  Path outDir() {
    return root.resolve("target/bench");
  }

  /** Scratch space for fixtures and landed files, removed by the next run. */
  Path workDir() {
    return root.resolve("it-tests/target/bench-work");
  }

  // ---- sizes -------------------------------------------------------------------------------

  /** (1)/(2): messages per format topic; the issue asks for at least 1 M of ~200 B in full mode. */
  int etlRecords() {
    return quick ? 200_000 : 1_000_000;
  }

  int etlPartitions() {
    return 4;
  }

  /** Timed rounds per format, after one untimed warm-up round that is also the profiled one. */
  int etlRounds() {
    return quick ? 2 : 3;
  }

  /** (1)/(2): the formats measured, all unless {@code -Dbench.etl.formats=raw,json} names some (raw first: the codec sweep uses it). */
  java.util.List<BenchData.Format> etlFormats() {
    String names = System.getProperty("bench.etl.formats");
    if (names == null || names.isBlank()) {
      return java.util.List.of(BenchData.Format.values());
    }
    java.util.List<String> wanted = java.util.Arrays.stream(names.split(",")).map(String::trim).toList();
    return java.util.Arrays.stream(BenchData.Format.values()).filter(f -> wanted.contains(f.configName)).toList();
  }

  /** (3): all messages of the skewed 64-partition topic. */
  int skewRecords() {
    return quick ? 160_000 : 800_000;
  }

  /** (4): planned partitions per step. */
  List<Integer> planningPartitions() {
    String sizes = System.getProperty("bench.planning.partitions");
    if (sizes != null) {
      return sizeList(sizes);
    }
    return quick ? List.of(1_000, 10_000, 100_000) : List.of(1_000, 10_000, 100_000);
  }

  /** (4): days of generated bookkeeping history under each planning size. */
  List<Integer> planningHistoryDays() {
    return quick ? List.of(1) : List.of(1, 30);
  }

  /**
   * (4): the most history rows generated for one case; a size whose days would need more gets as
   * many whole days as fit (100 000 partitions add 2.4 M rows a day, and a 2-core machine writes
   * them at roughly 100 000 rows a second with the table's five indexes);
   * {@code -Dbench.planning.maxRows=} raises it (100 000 partitions × 30 days are 72 M rows).
   */
  long planningMaxHistoryRows() {
    String rows = System.getProperty("bench.planning.maxRows");
    if (rows != null) {
      return Long.parseLong(rows.strip());
    }
    return quick ? 2_500_000 : 7_500_000;
  }

  /** (5): hourly files per partition of the merge benchmark (4 partitions, 10 000 records each). */
  int mergeFilesPerPartition() {
    return quick ? 4 : 12;
  }

  /** (5b): partitions of the one hour the merge-scale benchmark merges, one small hourly file each. */
  List<Integer> mergeScalePartitions() {
    String sizes = System.getProperty("bench.mergescale.partitions");
    if (sizes != null) {
      return sizeList(sizes);
    }
    return quick ? List.of(100, 1_000) : List.of(1_000, 10_000, 100_000);
  }

  /** (5b): merge threads ({@code etl.merge.threads}) each partition count is merged with; the first is the base. */
  List<Integer> mergeScaleThreads() {
    String threads = System.getProperty("bench.mergescale.threads");
    return threads != null ? sizeList(threads) : List.of(8, 32);
  }

  /** (6): messages per partition and hour of the rerun benchmark. */
  int rerunRecordsPerPartitionHour() {
    return quick ? 20_000 : 100_000;
  }

  /** (8): topics of 1,000 partitions whose status the fleet view reads; {@code -Dbench.fleet.topics=} sets it. */
  int fleetTopics() {
    String topics = System.getProperty("bench.fleet.topics");
    if (topics != null) {
      return Integer.parseInt(topics.strip());
    }
    return quick ? 30 : 300;
  }

  /** (8): the hours the fleet view shows: its default window. */
  int fleetHours() {
    return 48;
  }

  /** A comma-separated list of sizes given with -D, e.g. {@code 1000,10000}. */
  private static List<Integer> sizeList(String sizes) {
    return java.util.Arrays.stream(sizes.split(",")).map(String::strip).map(Integer::valueOf).toList();
  }

  private static Path projectRoot(Path given) {
    Path dir = (given != null ? given : Path.of("")).toAbsolutePath().normalize();
    if (!Files.exists(dir.resolve("conf/kafka-etl.properties")) && dir.getParent() != null
        && Files.exists(dir.getParent().resolve("conf/kafka-etl.properties"))) {
      dir = dir.getParent();
    }
    if (!Files.exists(dir.resolve("conf/kafka-etl.properties"))) {
      throw new IllegalArgumentException("not the kafka-etl project root (no conf/kafka-etl.properties): " + dir);
    }
    return dir;
  }
}
