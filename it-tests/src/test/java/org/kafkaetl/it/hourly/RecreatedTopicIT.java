package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.AlertCapture;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.RecreatedTopics;

/**
 * A topic deleted and created again restarts its offsets under a new topic id. The run that meets
 * the new id reads the new incarnation from its first offset — also the offsets below where the old
 * one was read to — alerts once, and etl_offsets and the audit keep the two incarnations apart.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class RecreatedTopicIT {
  private static final int OLD = 10;
  // as many as the old incarnation had: its first range has the old one's first range's offsets and file names
  private static final int NEW = OLD;

  @TempDir
  java.nio.file.Path tmp;

  @Test
  void theNewIncarnationLandsFromItsFirstOffsetAndTheOldOneStays(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    s.onlyTopic(s.raw);
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp, s.properties());
    send(env, s.raw, "old", OLD);
    EtlCli.Result first = cli.run("run");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    String oldId = RecreatedTopics.topicId(env, s.raw);

    RecreatedTopics.recreate(env, s.raw, oldId);
    String newId = RecreatedTopics.topicId(env, s.raw);
    send(env, s.raw, "new", NEW);
    List<String> alerts;
    try (AlertCapture capture = new AlertCapture()) {
      EtlCli.Result second = cli.run("run");
      assertThat(second.exitCode()).as(second.toString()).isZero();
      EtlCli.Result third = cli.run("run");
      assertThat(third.exitCode()).as(third.toString()).isZero();
      alerts = capture.alerts();
    }

    assertThat(landedValues(env, s)).as("every message of both incarnations, once")
        .containsExactlyInAnyOrderElementsOf(concat(values("old", OLD), values("new", NEW)));
    assertThat(alerts.stream().filter(a -> a.contains("recreated")).toList()).as(String.join("\n", alerts))
        .singleElement().satisfies(a -> assertThat(a).contains(s.raw, oldId + " -> " + newId));

    List<RangeRecord> ranges = s.offsetStore().allRanges(s.raw);
    assertThat(ranges).extracting(RangeRecord::state).containsOnly(RangeState.COMPLETE);
    Map<Integer, List<RangeRecord>> byIncarnation = ranges.stream()
        .collect(Collectors.groupingBy(RangeRecord::incarnation));
    assertThat(byIncarnation).containsOnlyKeys(0, 1);
    assertTiles(byIncarnation.get(0), OLD);
    assertTiles(byIncarnation.get(1), NEW);
    assertThat(byIncarnation.get(0)).extracting(RangeRecord::topicId).containsOnly(oldId);
    assertThat(byIncarnation.get(1)).extracting(RangeRecord::topicId).containsOnly(newId);

    String date = ranges.get(0).hour().date().toString();
    EtlCli.Result audit = cli.run("audit", "--topic", s.raw, "--date", date);
    assertThat(audit.exitCode()).as(audit.toString()).isZero();
    assertThat(audit.out()).as(audit.toString()).contains("audit " + s.raw + " " + date + ": CLEAN");
    EtlCli.Result status = cli.run("status", "--topic", s.raw, "--date", date);
    assertThat(status.out()).as(status.toString()).contains("recreated", oldId + " -> " + newId);
  }

  private static void assertTiles(List<RangeRecord> rows, long end) {
    List<OffsetRange> ranges = rows.stream().map(r -> r.event().range()).sorted(
        java.util.Comparator.comparingLong(OffsetRange::begin)).toList();
    long next = 0;
    for (OffsetRange r : ranges) {
      assertThat(r.begin()).as("rows " + ranges + " tile [0, " + end + ")").isEqualTo(next);
      next = r.end();
    }
    assertThat(next).as("rows " + ranges).isEqualTo(end);
  }

  private static void send(EtlTestEnvironment env, String topic, String prefix, int count) {
    for (int i = 0; i < count; i++) {
      env.kafka().produce(topic, 0, null, (prefix + "-" + i).getBytes(StandardCharsets.UTF_8));
    }
    env.kafka().flush();
  }

  private static List<String> values(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<String> landedValues(EtlTestEnvironment env, EtlScenario s) throws Exception {
    return RecreatedTopics.landedValues(env, s.workRoot);
  }
}
