package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.admin.NewPartitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.AlertCapture;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.LocalHadoop;

/**
 * etl.new.partition.start=latest: a topic first seen is read from then on, not skipped forever, and a
 * partition added later to a topic already read is read from its first offset. A topic created after
 * a run, whose name matches etl.topics.include, is read by the next run from its first offset.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class NewPartitionIT {
  @TempDir
  java.nio.file.Path tmp;

  @Test
  void aPartitionStartingAtLatestIsReadFromTheNextRunOn(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    s.onlyTopic(s.raw).set("etl.new.partition.start", "latest").set("etl.merge.after.run", "false");
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp, s.properties());
    s.sendRaw(0, 5);
    s.sent();
    assertThat(cli.run("run").exitCode()).isZero();
    assertThat(s.offsetStore().allRanges(s.raw)).as("nothing read at first sight").isEmpty();

    s.sendRaw(0, 7);
    s.sent();
    EtlCli.Result second = cli.run("run");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    List<Long> landed = new ArrayList<>();
    for (LandedFiles.LandedFile f : LandedFiles.dataFiles(env.hadoop().fileSystem(), new Path(s.workRoot))) {
      for (GenericRecord r : f.records()) {
        landed.add((Long) r.get("offset"));
      }
    }
    landed.sort(Long::compare);
    assertThat(landed).containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L);
  }

  @Test
  void aPartitionAddedToATopicAlreadyReadLandsFromItsFirstOffset(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    s.onlyTopic(s.raw).set("etl.new.partition.start", "latest").set("etl.merge.after.run", "false");
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp, s.properties());
    s.sendRaw(0, 3);
    s.sent();
    assertThat(cli.run("run").exitCode()).isZero();
    s.sendRaw(0, 4);
    s.sent();
    EtlCli.Result read = cli.run("run");
    assertThat(read.exitCode()).as(read.toString()).isZero();

    env.kafka().admin().createPartitions(java.util.Map.of(s.raw, NewPartitions.increaseTo(3)))
        .all().get(30, TimeUnit.SECONDS);
    s.sendRaw(1, 5);
    s.sendRaw(2, 6);
    s.sendRaw(0, 2);
    Map<TopicPartition, List<Long>> sent = s.sent();
    EtlCli.Result afterAdding = cli.run("run");
    assertThat(afterAdding.exitCode()).as(afterAdding.toString()).isZero();

    Map<TopicPartition, List<Long>> expected = new java.util.TreeMap<>(sent);
    expected.put(TopicPartition.of(s.raw, 0), List.of(3L, 4L, 5L, 6L, 7L, 8L));
    assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot), s.raw))
        .as("every offset after the first sight of the topic, once; the added partitions from offset 0")
        .isEqualTo(expected);
    assertThat(s.offsetStore().allRanges(s.raw)).filteredOn(r -> r.event().partition().partition() > 0)
        .extracting(r -> r.event().range().begin()).containsOnly(0L);
  }

  /**
   * In Hadoop local mode (no minicluster job): the pattern topic is created between two runs with
   * messages whose Kafka timestamps are 0 and epoch seconds, which land in 1970 (here: in the error
   * file, the default window's choice) and used to do so without a word.
   */
  @Test
  void aTopicCreatedLaterThatMatchesThePatternIsLandedByTheNextRunWithItsImplausibleTimesAlerted(
      EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    String matching = s.name + "_orders_eu";
    s.onlyTopic(s.raw).set("etl.merge.after.run", "false")
        .set("etl.topics.include", java.util.regex.Pattern.quote(s.name + "_orders_") + ".*")
        .set("etl.work.root", tmp.resolve("work").toUri().toString())
        .set("etl.warehouse.root", tmp.resolve("warehouse").toUri().toString());
    EtlCli cli = new EtlCli(LocalHadoop.configuration(tmp.resolve("hadoop-tmp")), tmp, s.properties());
    s.sendRaw(0, 2);
    s.sent();
    long now = System.currentTimeMillis();
    try (AlertCapture alerts = new AlertCapture()) {
      EtlCli.Result first = cli.run("run");
      assertThat(first.exitCode()).as(first.toString()).isZero();

      env.kafka().createTopic(matching, 1);
      for (long timestamp : new long[] {now, 0, now / 1000, now}) {
        env.kafka().produce(matching, 0, timestamp, null, "v".getBytes()).get(60, TimeUnit.SECONDS);
      }
      EtlCli.Result second = cli.run("run");
      assertThat(second.exitCode()).as(second.toString()).isZero();

      assertThat(s.offsetStore().allRanges(matching)).as("the new topic, from its first offset, once")
          .singleElement().satisfies(r -> {
            assertThat(r.event().range()).isEqualTo(new org.kafkaetl.core.OffsetRange(0, 4));
            assertThat(r.state()).isEqualTo(org.kafkaetl.core.offsets.RangeState.COMPLETE);
          });
      assertThat(alerts.alerts()).filteredOn(a -> a.contains("new-topic") || a.contains(matching + " matches"))
          .singleElement().asString().contains("INFO", "topic " + matching + " matches etl.topics.include",
              "from earliest offsets", "0@0");
      assertThat(alerts.alerts()).filteredOn(a -> a.contains("implausible event times"))
          .singleElement().asString().contains("WARNING", "topic " + matching, ": 2 records with implausible event"
              + " times", matching + "-0@1 (0 ms", matching + "-0@2", "epoch seconds in a millisecond field");
    }
    EtlCli.Result status = cli.run("status", "--hours", "2");
    assertThat(status.out()).as(status.toString()).contains(matching);
    EtlCli.Result rerun = cli.run("rerun", "--topic", matching, "--partition", "0", "--hour",
        s.offsetStore().allRanges(matching).get(0).hour().toString(), "--include-complete");
    assertThat(rerun.exitCode()).as("a matched topic reruns like a listed one: " + rerun).isZero();
    String today = java.time.LocalDate.ofInstant(java.time.Instant.ofEpochMilli(now), java.time.ZoneOffset.UTC)
        .toString();
    EtlCli.Result merge = cli.run("merge", "--topic", matching, "--date", today);
    assertThat(merge.exitCode()).as("merges like a listed one: " + merge).isZero();
    EtlCli.Result audit = cli.run("audit", "--topic", matching, "--date", today);
    assertThat(audit.exitCode()).as("audits like a listed one: " + audit).isZero();
    EtlCli.Result grid = cli.run("status", "--topic", matching, "--date", today);
    assertThat(grid.out()).as(grid.toString()).contains(matching);
  }
}
