package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.offsets.RunLock;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.LandedFiles.LandedFile;
import org.kafkaetl.offsets.MySqlRunLock;

/** The hourly run end to end on a real broker, a real MariaDB and the HDFS + YARN minicluster. */
@ExtendWith(EtlEnvironmentExtension.class)
class HourlyEtlIT {
  private static final int PARTITIONS = 4;
  private static final int HOT = 0;

  @TempDir
  java.nio.file.Path tmp;

  @Test
  void landsEveryOffsetExactlyOnceAcrossRunsReadingOnOneThreadOrAheadAndRangesTile(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, PARTITIONS);
    s.set("topic." + s.json + ".split.threshold", "100");
    long now = Instant.now().toEpochMilli();
    long yesterday = Instant.now().minus(1, ChronoUnit.DAYS).toEpochMilli();
    String yesterdayDate = LocalDate.ofInstant(Instant.ofEpochMilli(yesterday), ZoneOffset.UTC).toString();

    s.sendJson(HOT, 250, now);
    for (int p = 1; p < PARTITIONS; p++) {
      s.sendJson(p, 20, now);
      s.sendAvro(p, 15, Instant.now().toString());
      s.sendRaw(p, 12);
    }
    s.sendJson(1, 5, yesterday);
    s.sendUndecodableJson(2);
    s.sendAvro(0, 15, Instant.now().toString());
    s.sendRaw(0, 12);
    s.sent();
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp, s.properties());

    EtlCli.Result first = cli.run("run");
    assertThat(first.exitCode()).as(first.toString()).isZero();

    // the second run with etl.read.ahead: one map task reads every range on a thread of its own, a
    // raw partition of six batches, more than the read-ahead queue holds, among them
    s.sendJson(HOT, 40, now);
    s.sendJson(3, 7, now);
    s.sendAvro(1, 9, Instant.now().toString());
    s.sendRaw(2, 6_000);
    Map<TopicPartition, List<Long>> sent = s.sent();
    s.set("etl.read.ahead", "true");
    s.set("etl.max.mappers", "1");
    EtlCli.Result second = new EtlCli(env.hadoop().configuration(), tmp, s.properties()).run("run");
    assertThat(second.exitCode()).as(second.toString()).isZero();

    FileSystem fs = env.hadoop().fileSystem();
    List<LandedFile> files = LandedFiles.dataFiles(fs, new Path(s.workRoot));
    assertThat(landedKeys(files, s)).isEqualTo(sent);
    assertThat(files).filteredOn(f -> f.dateDir().equals(yesterdayDate))
        .as("late events land under yesterday's date").isNotEmpty()
        .allSatisfy(f -> assertThat(f.records()).allSatisfy(r -> assertThat((Long) r.get("event_time")).isEqualTo(yesterday)));

    List<GenericRecord> errors = LandedFiles.errorFiles(fs, new Path(s.workRoot)).stream()
        .flatMap(f -> f.records().stream()).toList();
    assertThat(errors).extracting(r -> (Long) r.get("offset")).containsExactlyElementsOf(s.undecodableOffsets());

    Map<org.apache.kafka.common.TopicPartition, Long> ends = new HashMap<>();
    for (String topic : List.of(s.json, s.avro, s.raw)) {
      ends.putAll(env.kafka().endOffsets(topic, PARTITIONS));
      assertTiles(topic, s.offsetStore().allRanges(topic), ends);
    }
    assertThat(LandedFiles.envelopeOffsets(fs, new Path(s.properties().get("etl.warehouse.root"), s.raw))).as("each run merged what it landed into the daily files")
        .isEqualTo(sent.entrySet().stream().filter(e -> e.getKey().topic().equals(s.raw))
            .collect(java.util.stream.Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue)));

    List<RangeRecord> hotRanges = s.offsetStore().allRanges(s.json).stream()
        .filter(r -> r.event().partition().partition() == HOT).toList();
    assertThat(hotRanges.stream().filter(r -> r.runId() == hotRanges.get(0).runId()))
        .as("250 messages over a threshold of 100 are split into 3 tiling events").hasSize(3);
  }

  @Test
  void aSecondRunWhileOneHoldsTheLockExitsLockedAndDoesNothing(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    s.sendRaw(0, 3);
    s.sent();
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp, s.properties());
    EtlConfig config = EtlConfig.parse(s.properties());
    s.database().migrate();
    try (RunLock.Held held = new MySqlRunLock(s.database()).tryAcquire(org.kafkaetl.core.offsets.LockNames.hourly(config)).orElseThrow()) {
      EtlCli.Result locked = cli.run("run");
      assertThat(locked.exitCode()).as(locked.toString()).isEqualTo(4);
      assertThat(locked.out()).contains("holds the lock", "did nothing");
    }
    assertThat(s.offsetStore().allRanges(s.raw)).isEmpty();
    assertThat(env.hadoop().fileSystem().exists(new Path(s.workRoot))).isFalse();

    EtlCli.Result afterwards = cli.run("run");
    assertThat(afterwards.exitCode()).as(afterwards.toString()).isZero();
    assertThat(s.offsetStore().allRanges(s.raw)).singleElement()
        .satisfies(r -> assertThat(r.state()).isEqualTo(RangeState.COMPLETE));
  }

  /** Per partition: sequence numbers (json, avro) or offsets (raw) found in landed files. */
  private static Map<TopicPartition, List<Long>> landedKeys(List<LandedFile> files, EtlScenario s) {
    Map<TopicPartition, List<Long>> landed = new java.util.TreeMap<>();
    for (LandedFile f : files) {
      Optional<KafkaEvent> event = WorkLayout.parseDataFileName(f.name());
      assertThat(event).as("data file name %s names its range", f.path()).isPresent();
      String field = event.get().topic().equals(s.raw) ? "offset" : "seq";
      for (GenericRecord r : f.records()) {
        landed.computeIfAbsent(event.get().partition(), k -> new ArrayList<>()).add((Long) r.get(field));
        if (field.equals("offset")) {
          assertThat(event.get().range().contains((Long) r.get("offset"))).isTrue();
        }
      }
    }
    landed.values().forEach(list -> list.sort(Long::compare));
    return landed;
  }

  private static void assertTiles(String topic, List<RangeRecord> ranges,
      Map<org.apache.kafka.common.TopicPartition, Long> ends) {
    Map<TopicPartition, Long> next = new HashMap<>();
    for (RangeRecord r : ranges) {
      TopicPartition tp = r.event().partition();
      assertThat(r.event().range().begin()).as("%s continues its partition", r.event()).isEqualTo(next.getOrDefault(tp, 0L));
      assertThat(r.state()).as("%s", r).isEqualTo(RangeState.COMPLETE);
      assertThat(r.reached()).isEqualTo(r.event().range().end());
      next.put(tp, r.event().range().end());
    }
    // Every partition Kafka has data on must be tiled up to Kafka's end: no rows at all is a failure.
    ends.forEach((tp, end) -> {
      if (tp.topic().equals(topic) && end > 0) {
        assertThat(next.get(TopicPartition.of(tp.topic(), tp.partition()))).as("%s ends at Kafka's end", tp)
            .isEqualTo(end);
      }
    });
    assertThat(next).as("ranges were recorded").isNotEmpty();
  }
}
