package org.kafkaetl.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.file.DataFileWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.AlertSender;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.offsets.RunLock;

/** The whole merge of a topic and date on the local file system, with an in-memory ledger and store. */
class DailyMergeTest {
  private static final int PARTITIONS = 6;

  @TempDir
  java.nio.file.Path dir;

  private final PartitionMergerTest.MemoryLedger ledger = new PartitionMergerTest.MemoryLedger();
  private final List<Alert> sent = new ArrayList<>();
  private final List<String> resolved = new ArrayList<>();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private EtlConfig config;
  private FileSystem fs;
  private final List<RangeRecord> rows = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    config = EtlConfig.parse(Map.of("kafka.bootstrap.servers", "unused:9092", "db.url", "jdbc:mysql://unused/db",
        "db.user", "u", "db.password", "p", "etl.topics", "t", "etl.work.root", dir.resolve("work").toString(),
        "etl.warehouse.root", dir.resolve("warehouse").toString(), "etl.merge.threads", "4"));
    RawLocalFileSystem local = new RawLocalFileSystem();
    local.initialize(java.net.URI.create("file:///"), new Configuration());
    fs = new FilterFileSystem(local) {
      @Override
      public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
          short replication, long blockSize, org.apache.hadoop.util.Progressable progress) throws IOException {
        if (refused.contains(f.getName())) {
          throw new IOException("The DiskSpace quota of " + f.getParent() + " is exceeded");
        }
        return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
      }
    };
    fs.setConf(new Configuration());
    WorkLayout work = new WorkLayout(config.workRoot());
    for (int p = 0; p < PARTITIONS; p++) {
      KafkaEvent event = new KafkaEvent(TopicPartition.of("t", p), new OffsetRange(0, 10));
      java.nio.file.Path file = java.nio.file.Path.of(work.hourDir(PartitionMergerTest.HOUR),
          WorkLayout.dataFile(event, PartitionMergerTest.DAY));
      writeHourly(file);
      rows.add(new RangeRecord(1, PartitionMergerTest.HOUR, event, RangeState.COMPLETE, 10, 10, 0, "", 1));
    }
  }

  @Test
  void partitionsThatFailTogetherArePagedOnceWithTheCommandThatMergesThemAll() {
    refused.addAll(List.of("t.1.avro", "t.4.avro"));
    DailyMerge.MergeResult failed = merge();
    assertThat(failed.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(failed.outcomes()).extracting(PartitionMerger.Outcome::partition).containsExactly(0, 2, 3, 5);
    assertThat(sent).singleElement().satisfies(a -> {
      assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(a.summary()).contains("failed for 2 partitions");
      assertThat(a.details()).contains("partition 1: The DiskSpace quota", "partition 4: The DiskSpace quota");
      assertThat(a.fixCommands()).singleElement().asString().endsWith("merge --topic t --date 2026-11-21")
          .doesNotContain("--partition");
    });

    refused.clear();
    DailyMerge.MergeResult fixed = merge();
    assertThat(fixed.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(fixed.outcomes()).extracting(PartitionMerger.Outcome::partition).containsExactly(1, 4);
    assertThat(resolved).as("the page is over").contains("merge:t:2026-11-21:");
    assertThat(ledger.entries).hasSize(PARTITIONS);
  }

  /**
   * The ledger keeps each hourly file's modification time as the merge listed it (the file system's
   * clock), which cleanup compares with the file's time then; this merge's own clock is weeks behind.
   */
  @Test
  void aMergeRecordsEachHourlyFilesModificationTimeAsItListedIt() {
    assertThat(merge().exitCode()).isEqualTo(ExitCode.OK);
    assertThat(ledger.entries).hasSize(PARTITIONS).allSatisfy(e -> assertThat(e.hourly().modifiedAt())
        .isEqualTo(Instant.ofEpochMilli(fs.getFileStatus(new Path(e.hourly().path())).getModificationTime())));
  }

  @Test
  void aPageOfSeveralPartitionsIsOverOnceTheLastOfThemIsMergedByItself() {
    refused.addAll(List.of("t.1.avro", "t.4.avro"));
    merge();
    refused.clear();
    resolved.clear();
    merge(1);
    assertThat(resolved).filteredOn(k -> k.startsWith("merge:")).containsExactly("merge:t:2026-11-21:1:");
    merge(4);
    assertThat(resolved).filteredOn(k -> k.startsWith("merge:"))
        .containsExactly("merge:t:2026-11-21:1:", "merge:t:2026-11-21:4:", "merge:t:2026-11-21:");
  }

  @Test
  void oneFailedPartitionGetsItsOwnCommand() {
    refused.add("t.3.avro");
    merge();
    assertThat(sent).singleElement().satisfies(a ->
        assertThat(a.fixCommands()).singleElement().asString().endsWith("merge --topic t --date 2026-11-21 --partition 3"));
  }

  private DailyMerge.MergeResult merge() {
    return merge(OptionalInt.empty());
  }

  private DailyMerge.MergeResult merge(int partition) {
    return merge(OptionalInt.of(partition));
  }

  private DailyMerge.MergeResult merge(OptionalInt only) {
    AlertSender alerts = new AlertSender() {
      @Override
      public void send(Alert alert) {
        sent.add(alert);
      }

      @Override
      public void resolve(String keyPrefix, java.util.function.Predicate<String> over, String summary) {
        resolved.add(keyPrefix);
      }
    };
    RunLock lock = name -> Optional.of(new RunLock.Held() {
      @Override
      public boolean stillHeld() {
        return true;
      }

      @Override
      public void close() {}
    });
    return new DailyMerge(config, fs, store(), ledger, lock, alerts,
        Clock.fixed(Instant.parse("2026-11-21T05:00:00Z"), ZoneOffset.UTC))
        .merge("t", PartitionMergerTest.DAY, only, false);
  }

  /** The store as the merge uses it: the hour's rows; no run finished after the day, so it is not complete. */
  private OffsetStore store() {
    return (OffsetStore) Proxy.newProxyInstance(OffsetStore.class.getClassLoader(), new Class<?>[] {OffsetStore.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "rangesOfHour" -> List.copyOf(rows);
          case "unfinishedRanges" -> List.of();
          case "firstFinishedRunHour" -> Optional.empty();
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private static void writeHourly(java.nio.file.Path file) throws IOException {
    Files.createDirectories(file.getParent());
    try (DataFileWriter<GenericRecord> w =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(PartitionMergerTest.V1))) {
      w.create(PartitionMergerTest.V1, file.toFile());
      for (long o = 0; o < 10; o++) {
        GenericRecord r = new GenericData.Record(PartitionMergerTest.V1);
        r.put("offset", o);
        w.append(r);
      }
    }
  }
}
