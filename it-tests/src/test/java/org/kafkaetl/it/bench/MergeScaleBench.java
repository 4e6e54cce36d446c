package org.kafkaetl.it.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.StorageStatistics;
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
 * Measurement (5b): the merge of one hour of one topic at growing partition counts on the
 * minicluster — one small stand-in hourly file (and its task report) per partition, COMPLETE rows in
 * the database — so the cost per partition shows whether the merge grows linearly, and the HDFS
 * client's operation counts show the NameNode calls a partition costs.
 */
final class MergeScaleBench {
  private static final int RECORDS_PER_FILE = 10;
  private static final int WRITERS = 8;

  /**
   * One partition count's merge.
   *
   * @param seconds the merge's wall time
   * @param hdfsOps the HDFS client's operations during the merge, by kind
   */
  record Result(int partitions, int threads, double seconds, Map<String, Long> hdfsOps, String message,
      ThreadSampler.Summary profile) {
    double millisPerPartition() {
      return seconds * 1000 / partitions;
    }

    long opsPerPartition() {
      return Math.round(hdfsOps.values().stream().mapToLong(Long::longValue).sum() / (double) partitions);
    }
  }

  private MergeScaleBench() {}

  static Result measure(EtlTestEnvironment env, String dbName, int partitions, int threads) throws Exception {
    try (FileSystem fs = FileSystem.newInstance(URI.create(env.hadoop().hdfsUri()),
        HdfsClientDefaults.apply(env.hadoop().configuration()))) {
      EtlConfig config = MergeThroughputBench.mergeConfig(env, dbName, "scale",
          Map.of("etl.merge.threads", Integer.toString(threads)));
      Database db = new Database(config.jdbcUrl(), config.dbUser(), config.dbPassword().value());
      db.migrate();
      JdbcOffsetStore store = new JdbcOffsetStore(db);
      HourPartition hour = HourPartition.containing(Instant.now(), config.timeZone());
      LocalDate date = hour.date();
      List<KafkaEvent> events = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        events.add(new KafkaEvent(TopicPartition.of("scale", p), new OffsetRange(0, RECORDS_PER_FILE)));
      }
      writeHourlyFiles(fs, new Path(new WorkLayout(config.workRoot()).hourDir(hour)), events, date);
      long runId = store.startRun(hour, Instant.now(), events, List.of());
      store.finishRun(runId, Instant.now(), events.stream()
          .map(e -> new RangeOutcome(e, RangeState.COMPLETE, e.range().end(), e.messages(), 0, "")).toList());

      DailyMerge merge = new DailyMerge(config, fs, store, new JdbcMergeLedger(db), new MySqlRunLock(db),
          new LogAlertSender(), Clock.systemUTC());
      Map<String, Long> before = counts();
      long start = System.nanoTime();
      DailyMerge.MergeResult result;
      ThreadSampler.Summary profile;
      try (ThreadSampler sampler = new ThreadSampler("merge-partition-")) {
        result = merge.merge("scale", date, OptionalInt.empty(), false);
        profile = sampler.summary();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Map<String, Long> ops = minus(counts(), before);
      if (result.exitCode().code() != 0 || result.outcomes().size() != partitions) {
        throw new IllegalStateException("the merge of " + partitions + " partitions did not succeed: "
            + result.message());
      }
      return new Result(partitions, threads, seconds, ops, result.message(), profile);
    }
  }

  /** One hourly file and its report per event, written by a few threads (set-up, not measured). */
  private static void writeHourlyFiles(FileSystem fs, Path hourDir, List<KafkaEvent> events, LocalDate date)
      throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (KafkaEvent e : events) {
        done.add(writers.submit(() -> {
          writeHourly(fs, new Path(hourDir, WorkLayout.dataFile(e, date)), e);
          try (FSDataOutputStream out = fs.create(new Path(hourDir, WorkLayout.reportFile(e)), true)) {
            out.write(ReportCodec.encode(new RangeReport(e, e.range().end(), e.messages(), 0, 0, "",
                Map.of(date.toString(), e.messages()), List.of())));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      writers.shutdownNow();
    }
  }

  private static void writeHourly(FileSystem fs, Path file, KafkaEvent e) throws IOException {
    try (FSDataOutputStream out = fs.create(file, true);
        DataFileWriter<GenericRecord> writer =
            new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(EnvelopeDecoder.SCHEMA))) {
      writer.setCodec(CodecFactory.deflateCodec(6));
      writer.create(EnvelopeDecoder.SCHEMA, out);
      for (long o = e.range().begin(); o < e.range().end(); o++) {
        GenericRecord r = new GenericData.Record(EnvelopeDecoder.SCHEMA);
        r.put("topic", e.topic());
        r.put("partition", e.partition().partition());
        r.put("offset", o);
        r.put("timestamp", 0L);
        r.put("key", null);
        r.put("value", java.nio.ByteBuffer.wrap(("v" + o).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        r.put("headers", List.of());
        writer.append(r);
      }
    }
  }

  /**
   * The HDFS client's operation counts (DFSOpsCountStatistics), JVM-wide: every DistributedFileSystem
   * instance adds to the same one, and the set-up is over when they are read.
   */
  private static Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    StorageStatistics stats = FileSystem.getGlobalStorageStatistics().get("DFSOpsCountStatistics");
    if (stats != null) {
      stats.getLongStatistics().forEachRemaining(s -> counts.put(s.getName(), s.getValue()));
    }
    return counts;
  }

  private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> diff = new TreeMap<>();
    after.forEach((k, v) -> {
      long d = v - before.getOrDefault(k, 0L);
      if (d != 0 && !k.startsWith("bytes")) {
        diff.put(k, d);
      }
    });
    return diff;
  }
}
