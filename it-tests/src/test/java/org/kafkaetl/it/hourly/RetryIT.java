package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LandedFiles;

/** A run first reads again the INCOMPLETE ranges of earlier runs, within the configured attempts. */
@ExtendWith(EtlEnvironmentExtension.class)
class RetryIT {
  @TempDir
  java.nio.file.Path tmp;

  @Test
  void theNextRunRetriesIncompleteRangesBeforePlanningNewOnes(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 2);
    s.onlyTopic(s.raw);
    s.sendRaw(0, 30);
    s.sendRaw(1, 20);
    s.sent();
    assertThat(starved(env, s).run("run").exitCode()).isEqualTo(3);

    s.sendRaw(0, 5);
    Map<TopicPartition, List<Long>> sent = s.sent();
    EtlCli.Result next = normal(env, s).run("run");
    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(next.out()).contains("retry");

    List<RangeRecord> ranges = s.offsetStore().allRanges(s.raw);
    assertThat(ranges).extracting(RangeRecord::state).containsOnly(RangeState.COMPLETE);
    assertThat(ranges).extracting(RangeRecord::attempts).containsExactly(2, 1, 2);
    FileSystem fs = env.hadoop().fileSystem();
    assertThat(LandedFiles.envelopeOffsets(fs, new Path(s.workRoot))).as("hourly files").isEqualTo(byPartition(sent));
    assertThat(LandedFiles.envelopeOffsets(fs, new Path(s.properties().get("etl.warehouse.root")))).as("daily files, merged after the run")
        .isEqualTo(byPartition(sent));
  }

  @Test
  void rangesOutOfAttemptsAreLeftToThePersonTheAlertCalled(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    s.onlyTopic(s.raw).set("etl.retry.max.attempts", "2");
    s.sendRaw(0, 10);
    s.sent();
    assertThat(starved(env, s).run("run").exitCode()).isEqualTo(3);
    assertThat(starved(env, s).run("run").exitCode()).as("the retry fails too").isEqualTo(3);
    EtlCli.Result third = normal(env, s).run("run");
    assertThat(third.exitCode()).as(third.toString()).isZero();
    assertThat(s.offsetStore().allRanges(s.raw)).singleElement().satisfies(r -> {
      assertThat(r.state()).isEqualTo(RangeState.INCOMPLETE);
      assertThat(r.attempts()).isEqualTo(2);
    });
  }

  private EtlCli starved(EtlTestEnvironment env, EtlScenario s) {
    Map<String, String> props = new TreeMap<>(s.properties());
    props.put("etl.max.pull.time", "1ms");
    return new EtlCli(env.hadoop().configuration(), tmp.resolve("starved"), props);
  }

  private EtlCli normal(EtlTestEnvironment env, EtlScenario s) {
    return new EtlCli(env.hadoop().configuration(), tmp.resolve("normal"), s.properties());
  }

  private static Map<Integer, List<Long>> byPartition(Map<TopicPartition, List<Long>> sent) {
    Map<Integer, List<Long>> out = new TreeMap<>();
    sent.forEach((tp, offsets) -> out.put(tp.partition(), offsets));
    return out;
  }
}
