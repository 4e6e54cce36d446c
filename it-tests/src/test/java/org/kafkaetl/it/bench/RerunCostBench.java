package org.kafkaetl.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.kafka.ConsumerSettings;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcOffsetStore;

/**
 * Measurement (6): what {@code rerun} of one partition-hour reads. Two hourly runs land hours H-1
 * and H of a 4-partition topic; then partition 1 of hour H-1 is rerun ({@code --include-complete},
 * the way to replace damaged hourly files). Counted at two levels: the records the rerun read
 * (its recorded outcomes) against the partition-hour's records, and the bytes the broker sent for
 * the topic while the rerun ran (its {@code BytesOutPerSec} count) against the bytes of the log
 * batches that hold the partition-hour's offsets, read from the broker's segment files. The same
 * fetch-level ratio is measured for a plain consumer that reads exactly that range, next to it.
 */
final class RerunCostBench {
  private static final int PARTITIONS = 4;
  private static final int RERUN_PARTITION = 1;

  private final EtlTestEnvironment env;
  private final BenchOptions options;
  private final BenchReport report;

  RerunCostBench(EtlTestEnvironment env, BenchOptions options, BenchReport report) {
    this.env = env;
    this.options = options;
    this.report = report;
  }

  void run() throws IOException {
    String topic = "bench_rerun";
    env.kafka().createTopic(topic, PARTITIONS);
    Path work = options.workDir().resolve("rerun");
    Configuration hadoop = EtlRuns.localHadoop(work.resolve("hadoop-tmp"));
    Map<String, String> props = EtlRuns.properties(env, "bench_rerun", topic, BenchData.Format.RAW, null,
        work.toUri().toString());
    props.put("etl.max.mappers", "2");
    long[] perPartition = new long[PARTITIONS];
    Arrays.fill(perPartition, options.rerunRecordsPerPartitionHour());
    BenchData data = new BenchData(66);

    Instant now = Instant.now();
    Instant earlier = now.minus(Duration.ofHours(1));
    data.produce(env.kafka(), topic, BenchData.Format.RAW, perPartition, earlier.toEpochMilli());
    EtlRuns.run(props, hadoop, Clock.fixed(earlier, ZoneOffset.UTC));
    // the next hour's data follows the partition-hour in the log, as it does in production
    data.produce(env.kafka(), topic, BenchData.Format.RAW, perPartition, now.toEpochMilli());
    EtlRuns.run(props, hadoop, Clock.fixed(now, ZoneOffset.UTC));

    EtlConfig config = EtlConfig.parse(props);
    HourPartition hour = HourPartition.containing(earlier, config.timeZone());
    JdbcOffsetStore store = new JdbcOffsetStore(new Database(config.jdbcUrl(), config.dbUser(),
        config.dbPassword().value()));
    List<KafkaEvent> partitionHour = store.rangesOfHour(hour, topic).stream().map(RangeRecord::event)
        .filter(e -> e.partition().partition() == RERUN_PARTITION).toList();
    long begin = partitionHour.stream().mapToLong(e -> e.range().begin()).min().orElseThrow();
    long end = partitionHour.stream().mapToLong(e -> e.range().end()).max().orElseThrow();
    long records = end - begin;
    long logBytes = logBytes(topic, RERUN_PARTITION, begin, end);
    long partitionBytes = logBytes(topic, RERUN_PARTITION, 0, Long.MAX_VALUE);

    long before = bytesOut(topic);
    EtlRuns.Timed rerun = EtlRuns.rerun(props, hadoop, topic, RERUN_PARTITION, hour);
    long rerunBytes = bytesOut(topic) - before;
    long rerunRecords = rerun.result().outcomes().stream().mapToLong(RangeOutcome::records).sum();
    List<String> rerunRanges = rerun.result().outcomes().stream().map(o -> o.event().toString()).toList();

    before = bytesOut(topic);
    long plainRecords = readExactly(topic, RERUN_PARTITION, begin, end);
    long plainBytes = bytesOut(topic) - before;

    double recordRatio = (double) rerunRecords / records;
    double byteRatio = (double) rerunBytes / logBytes;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("topic", topic);
    details.put("partitions", PARTITIONS);
    details.put("partitionHour", topic + "-" + RERUN_PARTITION + " hour " + hour + " [" + begin + ", " + end + ")");
    details.put("partitionHourRecords", records);
    details.put("partitionHourLogBytes", logBytes);
    details.put("partitionLogBytesBothHours", partitionBytes);
    details.put("rerunRanges", rerunRanges);
    details.put("rerunRecords", rerunRecords);
    details.put("rerunSeconds", EtlRateBench.round2(rerun.seconds()));
    details.put("brokerBytesSentDuringRerun", rerunBytes);
    details.put("plainConsumerRecords", plainRecords);
    details.put("brokerBytesSentToPlainConsumer", plainBytes);
    details.put("maxPartitionFetchBytes", ConsumerSettings.forReading(Map.of(), "x")
        .get(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG));
    report.details("rerun", details);
    report.row("6", "rerun of one partition-hour: records read / the partition-hour's records",
        String.format(Locale.ROOT, "%.4f (%,d of %,d; ranges read: %s)", recordRatio, rerunRecords, records,
            String.join(", ", rerunRanges)), "exactly 1.0",
        rerunRecords == records ? BenchReport.Verdict.MET : BenchReport.Verdict.MISSED);
    report.row("6", "rerun of one partition-hour: bytes the broker sent / the partition-hour's log bytes",
        String.format(Locale.ROOT, "%.3f (%,d of %,d B; a plain consumer reading exactly that range: %.3f)",
            byteRatio, rerunBytes, logBytes, (double) plainBytes / logBytes), "exactly 1.0",
        rerunBytes == logBytes ? BenchReport.Verdict.MET : BenchReport.Verdict.MISSED);
    System.out.printf("[bench] rerun: %s%n", details);
  }

  /** A plain consumer with the job's consumer settings, reading [begin, end) and stopping there. */
  private long readExactly(String topic, int partition, long begin, long end) {
    Map<String, Object> props = new HashMap<>(ConsumerSettings.forReading(Map.of(), "bench-rerun-reference"));
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafka().bootstrapServers());
    TopicPartition tp = new TopicPartition(topic, partition);
    long records = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.assign(List.of(tp));
      consumer.seek(tp, begin);
      long reached = begin;
      while (reached < end) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.offset() < end) {
            records++;
          }
          reached = r.offset() + 1;
        }
      }
    }
    return records;
  }

  /** Count of the broker's BytesOutPerSec meter for a topic: record batch bytes sent to consumers. */
  static long bytesOut(String topic) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      ObjectName name = new ObjectName("kafka.server:type=BrokerTopicMetrics,name=BytesOutPerSec,topic=" + topic);
      return server.isRegistered(name) ? ((Number) server.getAttribute(name, "Count")).longValue() : 0;
    } catch (JMException e) {
      throw new IllegalStateException("cannot read the broker's BytesOutPerSec for " + topic, e);
    }
  }

  /**
   * Bytes of the record batches in the partition's log segments that hold any offset of
   * [begin, end), from the v2 batch header: base offset (8 bytes), batch length (4), ..., last
   * offset delta (4 bytes at position 23).
   */
  private long logBytes(String topic, int partition, long begin, long end) throws IOException {
    long bytes = 0;
    for (Path segment : segments(topic, partition)) {
      try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
        ByteBuffer header = ByteBuffer.allocate(27);
        long position = 0;
        long size = ch.size();
        while (position + 27 <= size) {
          header.clear();
          ch.read(header, position);
          long baseOffset = header.getLong(0);
          int length = header.getInt(8);
          if (length <= 0) {
            break; // preallocated tail
          }
          long lastOffset = baseOffset + header.getInt(23);
          if (lastOffset >= begin && baseOffset < end) {
            bytes += 12 + length;
          }
          position += 12 + length;
        }
      }
    }
    return bytes;
  }

  private List<Path> segments(String topic, int partition) throws IOException {
    Admin admin = env.kafka().admin();
    List<Path> segments = new ArrayList<>();
    try {
      List<Integer> brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(Node::id).toList();
      for (var dirs : admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS).values()) {
        for (String dir : dirs.keySet()) {
          Path partitionDir = Path.of(dir, topic + "-" + partition);
          if (Files.isDirectory(partitionDir)) {
            try (Stream<Path> files = Files.list(partitionDir)) {
              files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().forEach(segments::add);
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot find the broker's log directories", e);
    }
    if (segments.isEmpty()) {
      throw new UncheckedIOException(new IOException("no log segments of " + topic + "-" + partition + " found"));
    }
    return segments;
  }
}
