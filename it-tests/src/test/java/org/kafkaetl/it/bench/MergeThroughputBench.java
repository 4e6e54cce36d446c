package org.kafkaetl.it.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.alerts.LogAlertSender;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReportCodec;
import org.kafkaetl.core.decode.EnvelopeDecoder;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.mapreduce.job.HdfsClientDefaults;
import org.kafkaetl.merge.DailyMerge;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcMergeLedger;
import org.kafkaetl.offsets.JdbcOffsetStore;
import org.kafkaetl.offsets.MySqlRunLock;

/**
 * Measurement (5): merge throughput on the minicluster next to a plain HDFS copy of the same hourly
 * files, measured in the same run. {@link BenchSuite} calls {@link #measure}; on its own run with
 * {@code mvn -pl it-tests -am test-compile exec:java -Dexec.mainClass=org.kafkaetl.it.bench.MergeThroughputBench -Dexec.classpathScope=test}.
 */
public final class MergeThroughputBench {
  private static final int PARTITIONS = 4;
  private static final int RECORDS_PER_FILE = 10_000;
  private static final int ROUNDS = 5;

  /**
   * Seconds per round of each way to move the bytes, the median of each, and the merge's exit code.
   *
   * @param fileByFileSeconds {@code FileUtil.copy} of each hourly file (one output file each), once
   * @param concatenatedSeconds the hourly files of each partition copied byte for byte into one file
   * @param mergeSeconds the merge of the day from scratch (appends into new daily files, ledger written)
   * @param rebuildSeconds {@code merge --rebuild} of the merged day once, after the rounds
   * @param mergeProfile where the merging thread's wall time went, over all merge rounds
   * @param copyProfile the same for the concatenated copies
   */
  public record Result(int files, long bytes, long records, double fileByFileSeconds, List<Double> concatenatedSeconds,
      List<Double> mergeSeconds, double rebuildSeconds, int exitCode, String message, ThreadSampler.Summary mergeProfile,
      ThreadSampler.Summary copyProfile) {
    public double megabytes() {
      return bytes / 1e6;
    }

    public double concatenatedMedian() {
      return median(concatenatedSeconds);
    }

    public double mergeMedian() {
      return median(mergeSeconds);
    }

    /** Merge throughput as a fraction of the concatenated copy's: {@code copy time / merge time}. */
    public double mergeOverCopy() {
      return concatenatedMedian() / mergeMedian();
    }
  }

  public static void main(String[] args) throws Exception {
    java.nio.file.Path work = Files.createTempDirectory("merge-bench");
    try (EtlTestEnvironment env = EtlTestEnvironment.start(work)) {
      Result r = measure(env, "bench", 12);
      double mb = r.megabytes();
      System.out.printf("%nmerge throughput on the minicluster: %d hourly files, %.1f MB, %d records%n", r.files(), mb,
          r.records());
      System.out.printf("  plain HDFS copy, file by file (FileUtil.copy)      %6.2f s  %7.1f MB/s%n",
          r.fileByFileSeconds(), mb / r.fileByFileSeconds());
      System.out.printf("  plain HDFS copy, concatenated into 1 file/partition %6.2f s  %7.1f MB/s  (median of %d)%n",
          r.concatenatedMedian(), mb / r.concatenatedMedian(), ROUNDS);
      System.out.printf("  merge (block append into 1 daily file/partition)    %6.2f s  %7.1f MB/s  (median of %d)%n",
          r.mergeMedian(), mb / r.mergeMedian(), ROUNDS);
      System.out.printf("  merge / concatenated copy %6.2f   merge / file-by-file copy %6.2f%n", r.mergeOverCopy(),
          r.fileByFileSeconds() / r.mergeMedian());
      System.out.println("  rounds (s): concatenated copy " + r.concatenatedSeconds() + ", merge " + r.mergeSeconds());
      System.out.println("  " + r.message());
      System.exit(r.exitCode());
    }
  }

  /**
   * Writes {@code PARTITIONS × filesPerPartition} hourly files of 10 000 raw-envelope records (200
   * random bytes each, deflate) with their task reports and COMPLETE rows in database {@code dbName},
   * then times the copies and the merge in alternating rounds.
   */
  public static Result measure(EtlTestEnvironment env, String dbName, int filesPerPartition) throws Exception {
    // the HDFS client the merge command gets (Components applies HdfsClientDefaults), for both ways
    try (FileSystem fs = FileSystem.newInstance(URI.create(env.hadoop().hdfsUri()),
        HdfsClientDefaults.apply(env.hadoop().configuration()))) {
      return measure(env, fs, dbName, filesPerPartition);
    }
  }

  private static Result measure(EtlTestEnvironment env, FileSystem fs, String dbName, int filesPerPartition)
      throws Exception {
    String root = env.hadoop().hdfsUri() + "/" + dbName;
    EtlConfig config = mergeConfig(env, dbName, "bench");
    Database db = new Database(config.jdbcUrl(), config.dbUser(), config.dbPassword().value());
    db.migrate();
    JdbcOffsetStore store = new JdbcOffsetStore(db);

    HourPartition hour = HourPartition.containing(Instant.now(), config.timeZone());
    LocalDate date = hour.date();
    List<KafkaEvent> events = new ArrayList<>();
    List<Path> hourly = new ArrayList<>();
    long bytes = 0;
    Random random = new Random(42);
    for (int p = 0; p < PARTITIONS; p++) {
      for (int f = 0; f < filesPerPartition; f++) {
        KafkaEvent e = new KafkaEvent(TopicPartition.of("bench", p),
            new OffsetRange((long) f * RECORDS_PER_FILE, (long) (f + 1) * RECORDS_PER_FILE));
        Path file = new Path(new WorkLayout(config.workRoot()).hourDir(hour), WorkLayout.dataFile(e, date));
        bytes += writeHourly(fs, file, e, random);
        writeReport(fs, new Path(new WorkLayout(config.workRoot()).hourDir(hour), WorkLayout.reportFile(e)), e, date);
        events.add(e);
        hourly.add(file);
      }
    }
    long runId = store.startRun(hour, Instant.now(), events, List.of());
    store.finishRun(runId, Instant.now(), events.stream()
        .map(e -> new RangeOutcome(e, RangeState.COMPLETE, e.range().end(), e.messages(), 0, "")).toList());

    long copyStart = System.nanoTime();
    for (Path file : hourly) {
      FileUtil.copy(fs, file, fs, new Path(root + "/copy/" + file.getName()), false, fs.getConf());
    }
    double copySeconds = (System.nanoTime() - copyStart) / 1e9;

    DailyMerge merge = new DailyMerge(config, fs, store, new JdbcMergeLedger(db), new MySqlRunLock(db),
        new LogAlertSender(), Clock.systemUTC());
    // Rounds alternate the concatenated copy and the merge so neither gets warmer caches. Every
    // round merges the day from scratch the way the hourly merge does (incremental append into new
    // daily files): the ledger rows and daily files of the round before are removed, untimed.
    List<Double> concat = new ArrayList<>();
    List<Double> merged = new ArrayList<>();
    DailyMerge.MergeResult result = null;
    ThreadSampler.Summary profile;
    ThreadSampler.Summary copyProfile;
    try (ThreadSampler sampler = new ThreadSampler(Thread.currentThread().getName());
        ThreadSampler copySampler = new ThreadSampler(Thread.currentThread().getName())) {
      for (int round = 0; round < ROUNDS; round++) {
        sampler.pause();
        forgetMerge(db, fs, new Path(config.warehouseRoot()));
        copySampler.resume();
        concat.add(concatenate(fs, root + "/concat-" + round, hourly, filesPerPartition));
        copySampler.pause();
        sampler.resume();
        long mergeStart = System.nanoTime();
        result = merge.merge("bench", date, OptionalInt.empty(), false);
        merged.add((System.nanoTime() - mergeStart) / 1e9);
        requireMerged(result, fs, new Path(config.warehouseRoot()), bytes);
      }
      profile = sampler.summary();
      copyProfile = copySampler.summary();
    }
    long rebuildStart = System.nanoTime();
    requireMerged(merge.merge("bench", date, OptionalInt.empty(), true), fs, new Path(config.warehouseRoot()), bytes);
    double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
    return new Result(hourly.size(), bytes, (long) hourly.size() * RECORDS_PER_FILE, copySeconds, concat, merged,
        rebuildSeconds, result.exitCode().code(), result.message(), profile, copyProfile);
  }

  /**
   * A new database {@code dbName} and the configuration of one topic whose work and warehouse roots
   * are under {@code /<dbName>} on the minicluster (Kafka is not used).
   */
  static EtlConfig mergeConfig(EtlTestEnvironment env, String dbName, String topic) throws Exception {
    return mergeConfig(env, dbName, topic, Map.of());
  }

  static EtlConfig mergeConfig(EtlTestEnvironment env, String dbName, String topic, Map<String, String> more)
      throws Exception {
    env.mariaDb().createDatabase(dbName);
    String root = env.hadoop().hdfsUri() + "/" + dbName;
    Map<String, String> props = new java.util.HashMap<>(Map.of("kafka.bootstrap.servers", "unused:9092",
        "db.url", env.mariaDb().jdbcUrl(dbName), "db.user", env.mariaDb().user(),
        "db.password", env.mariaDb().password(), "etl.topics", topic,
        "etl.work.root", root + "/work", "etl.warehouse.root", root + "/warehouse"));
    props.putAll(more);
    return EtlConfig.parse(props);
  }

  /** Removes what a merge left (ledger rows, day rows, daily files), so the next merge starts from scratch. */
  private static void forgetMerge(Database db, FileSystem fs, Path warehouse) throws Exception {
    try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM etl_merge_ledger");
      s.executeUpdate("DELETE FROM etl_merge_days");
    }
    fs.delete(warehouse, true);
  }

  /** The merge succeeded and the daily files hold the hourly files' blocks (all but their headers). */
  private static void requireMerged(DailyMerge.MergeResult result, FileSystem fs, Path warehouse, long hourlyBytes)
      throws IOException {
    long daily = fs.getContentSummary(warehouse).getLength();
    if (result.exitCode().code() != 0 || daily < hourlyBytes * 0.95) {
      throw new IllegalStateException("the merge did not succeed (" + daily + " of " + hourlyBytes + " bytes in the"
          + " daily files): " + result.message());
    }
  }

  private static long writeHourly(FileSystem fs, Path file, KafkaEvent e, Random random) throws IOException {
    Schema schema = EnvelopeDecoder.SCHEMA;
    try (FSDataOutputStream out = fs.create(file, true);
        DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      writer.setCodec(CodecFactory.deflateCodec(6));
      writer.create(schema, out);
      byte[] value = new byte[200];
      for (long o = e.range().begin(); o < e.range().end(); o++) {
        random.nextBytes(value);
        GenericRecord r = new GenericData.Record(schema);
        r.put("topic", e.topic());
        r.put("partition", e.partition().partition());
        r.put("offset", o);
        r.put("timestamp", System.currentTimeMillis());
        r.put("key", null);
        r.put("value", java.nio.ByteBuffer.wrap(value.clone()));
        r.put("headers", List.of());
        writer.append(r);
      }
    }
    return fs.getFileStatus(file).getLen();
  }

  /** The same bytes concatenated into one file per partition: as many output files as the merge writes. */
  private static double concatenate(FileSystem fs, String dir, List<Path> hourly, int filesPerPartition)
      throws IOException {
    long start = System.nanoTime();
    for (int p = 0; p < PARTITIONS; p++) {
      try (FSDataOutputStream out = fs.create(new Path(dir + "/bench." + p + ".bytes"), true)) {
        for (Path file : hourly.subList(p * filesPerPartition, (p + 1) * filesPerPartition)) {
          try (var in = fs.open(file)) {
            org.apache.hadoop.io.IOUtils.copyBytes(in, out, 1 << 16, false);
          }
        }
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 2);
  }

  /** The task report the hourly job commits beside its files; the merge takes record counts from it. */
  private static void writeReport(FileSystem fs, Path file, KafkaEvent e, LocalDate date) throws IOException {
    try (FSDataOutputStream out = fs.create(file, true)) {
      out.write(ReportCodec.encode(new RangeReport(e, e.range().end(), e.messages(), 0, 0, "",
          Map.of(date.toString(), e.messages()), List.of())));
    }
  }

  private MergeThroughputBench() {}

}
