package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.AlertCapture;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.HourlyRuns;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.mapreduce.driver.RunResult;

/**
 * Kafka deletes data before it is read — between planning and reading (the reader meets
 * OffsetOutOfRange under auto.offset.reset=none), and between runs (the planner sees it). Never
 * silently reset: the deleted ranges are recorded as lost, everything else lands exactly once, and
 * a critical alert says so.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class LostRangesIT {
  @TempDir
  java.nio.file.Path tmp;

  @Test
  void deletedOffsetsAreRecordedAsLostAndTheRestLandsOnce(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 2);
    s.onlyTopic(s.raw);
    s.sendRaw(0, 60);
    s.sendRaw(1, 20);
    s.sent();

    RunResult first;
    List<String> alerts;
    try (AlertCapture capture = new AlertCapture()) {
      first = HourlyRuns.run(s, env.hadoop().configuration(), Instant.now(), s.offsetStore(),
          () -> deleteBefore(env, s.raw, 0, 25));
      alerts = capture.alerts();
    }
    assertThat(first.exitCode()).as("a run that lost data says so").isEqualTo(ExitCode.DATA_LOST);
    assertThat(first.message()).contains("25 offsets LOST");
    assertThat(alerts).anySatisfy(a -> assertThat(a).contains("[CRITICAL]", "Kafka deleted 25 messages", s.raw + "-0"));

    s.sendRaw(1, 20);
    s.sent();
    deleteBefore(env, s.raw, 1, 30);
    s.sendRaw(1, 5);
    s.sent();
    RunResult second = HourlyRuns.runAt(s, env.hadoop().configuration(), Instant.now());
    assertThat(second.exitCode()).as(second.message()).isEqualTo(ExitCode.DATA_LOST);
    assertThat(second.message()).contains("10 offsets LOST");

    assertThat(s.offsetStore().lostRanges(s.raw)).containsExactly(
        new KafkaEvent(TopicPartition.of(s.raw, 0), new OffsetRange(0, 25)),
        new KafkaEvent(TopicPartition.of(s.raw, 1), new OffsetRange(20, 30)));
    List<RangeRecord> ranges = s.offsetStore().allRanges(s.raw);
    assertThat(ranges).extracting(RangeRecord::state).doesNotContain(RangeState.INCOMPLETE, RangeState.RUNNING);
    assertThat(ranges.stream().filter(r -> r.state() == RangeState.LOST).map(RangeRecord::event))
        .containsExactlyInAnyOrder(new KafkaEvent(TopicPartition.of(s.raw, 0), new OffsetRange(0, 60)),
            new KafkaEvent(TopicPartition.of(s.raw, 1), new OffsetRange(20, 30)));

    Map<Integer, List<Long>> expected = new TreeMap<>(Map.of(0, range(25, 60), 1, concat(range(0, 20), range(30, 45))));
    assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot))).as("hourly files").isEqualTo(expected);
    EtlCli.Result merged = new EtlCli(env.hadoop().configuration(), tmp, s.properties())
        .run("merge", "--topic", s.raw, "--date", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
    assertThat(merged.exitCode()).as(merged.toString()).isZero();
    assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.properties().get("etl.warehouse.root"))))
        .as("daily files: what a LOST range still had is merged").isEqualTo(expected);
  }

  private static void deleteBefore(EtlTestEnvironment env, String topic, int partition, long offset) {
    try {
      env.kafka().admin().deleteRecords(Map.of(new org.apache.kafka.common.TopicPartition(topic, partition),
          RecordsToDelete.beforeOffset(offset))).all().get();
    } catch (Exception e) {
      throw new IllegalStateException("deleteRecords failed", e);
    }
  }

  private static List<Long> range(long begin, long end) {
    List<Long> l = new ArrayList<>();
    for (long o = begin; o < end; o++) {
      l.add(o);
    }
    return l;
  }

  private static List<Long> concat(List<Long> a, List<Long> b) {
    List<Long> l = new ArrayList<>(a);
    l.addAll(b);
    return l;
  }
}
