package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.OneRecordBatches;

/**
 * Records once landed are never replaced by fewer: a range read again after Kafka deleted its start
 * keeps what its earlier read landed, whether the hourly run retries it or an operator reruns it.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class RetryAfterRetentionIT {
  @TempDir
  java.nio.file.Path tmp;

  @Test
  void aRangeReadAgainAfterKafkaDeletedItsStartKeepsEveryRecordItsEarlierReadLanded(EtlTestEnvironment env)
      throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    s.onlyTopic(s.json).set("topic." + s.json + ".max.decode.errors", "0");
    long now = System.currentTimeMillis();
    s.sendJson(0, 5, now);
    s.sendUndecodableJson(0);
    s.sendJson(0, 5, now);
    Map<TopicPartition, List<Long>> sent = s.sent();
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp.resolve("cli"), s.properties());

    EtlCli.Result first = cli.run("run");
    assertThat(first.exitCode()).as(first.toString()).isEqualTo(3);
    RangeRecord range = s.offsetStore().allRanges(s.json).get(0);
    assertThat(range.state()).isEqualTo(RangeState.INCOMPLETE);
    assertThat(range.reached()).as("read to the end; the error budget failed it").isEqualTo(11);
    assertThat(seqs(env.hadoop().fileSystem(), new Path(s.workRoot))).isEqualTo(sent);

    // Retention takes offsets 0-7, which only the earlier read still has.
    deleteBefore(env, s.json, 8);
    // The runbook: the _errors file holds garbage, so the budget is raised; the next run retries it
    // (from the start, as it had read to its end), finds 0-7 gone and keeps the earlier read.
    Map<String, String> raised = new TreeMap<>(s.properties());
    raised.put("topic." + s.json + ".max.decode.errors", "1");
    EtlCli.write(cli.configFile(), raised);
    EtlCli.Result retry = cli.run("run");
    assertThat(retry.exitCode()).as(retry.toString()).isZero();
    assertThat(retry.out()).contains("retry");
    assertThat(s.offsetStore().allRanges(s.json)).singleElement().satisfies(r -> {
      assertThat(r.state()).isEqualTo(RangeState.COMPLETE);
      assertThat(r.records()).isEqualTo(10);
      assertThat(r.decodeErrors()).isEqualTo(1);
    });
    assertThat(s.offsetStore().lostRanges(s.json)).as("nothing that had landed is LOST").isEmpty();
    FileSystem fs = env.hadoop().fileSystem();
    assertThat(seqs(fs, new Path(s.workRoot))).as("hourly files: every record once").isEqualTo(sent);
    assertThat(LandedFiles.errorFiles(fs, new Path(s.workRoot))).singleElement()
        .satisfies(f -> assertThat(f.records()).extracting(r -> r.get("offset")).containsExactly(5L));
    assertNothingLeftAside(fs, s, range);

    // A read from the start would now lose offsets 0-7: the earlier read stands and the rerun says why.
    EtlCli.Result fromStart = cli.run("rerun", "--topic", s.json, "--partition", "0", "--hour",
        range.hour().toString(), "--include-complete");
    assertThat(fromStart.exitCode()).as(fromStart.toString()).isEqualTo(3);
    assertThat(fromStart.out()).contains("kept their earlier read", "Kafka deleted offsets [0-8] (8)");
    assertThat(s.offsetStore().allRanges(s.json)).singleElement()
        .satisfies(r -> assertThat(r.state()).isEqualTo(RangeState.COMPLETE));
    assertThat(seqs(fs, new Path(s.workRoot))).as("hourly files unchanged").isEqualTo(sent);
    assertThat(seqs(fs, new Path(s.properties().get("etl.warehouse.root")))).as("daily files").isEqualTo(sent);
  }

  @Test
  void aRetryResumesWhereTheEarlierReadStoppedSoOnlyOffsetsNeverReadAreLost(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    s.onlyTopic(s.raw);
    List<Long> sent = OneRecordBatches.produce(env.kafka(), s.raw, MESSAGES);
    // One message per fetch, and each fetch waiting out fetch.max.wait.ms for bytes that never come,
    // reads about ten messages a second however busy the machine: the max pull time stops it part way,
    // and it is long enough for the first fetch even when containers start slowly.
    Map<String, String> slow = new TreeMap<>(s.properties());
    slow.put("kafka.max.partition.fetch.bytes", "1");
    slow.put("kafka.fetch.min.bytes", "10000000");
    slow.put("kafka.fetch.max.wait.ms", "100");
    slow.put("etl.max.pull.time", "8s");
    EtlCli.Result first = new EtlCli(env.hadoop().configuration(), tmp.resolve("slow"), slow).run("run");
    assertThat(first.exitCode()).as(first.toString()).isEqualTo(3);
    RangeRecord range = s.offsetStore().allRanges(s.raw).get(0);
    long reached = range.reached();
    assertThat(reached).as("stopped part way: " + range.detail()).isStrictlyBetween(0L, (long) MESSAGES - 10);
    FileSystem fs = env.hadoop().fileSystem();
    assertThat(LandedFiles.envelopeOffsets(fs, new Path(s.workRoot))).isEqualTo(Map.of(0, sent.subList(0, (int) reached)));

    // Retention passes the range's start and part of what was never read.
    long earliest = reached + (MESSAGES - reached) / 2;
    deleteBefore(env, s.raw, earliest);
    EtlCli.Result retry = new EtlCli(env.hadoop().configuration(), tmp.resolve("normal"), s.properties()).run("run");

    assertThat(retry.exitCode()).as(retry.toString()).isEqualTo(5);
    assertThat(retry.out()).contains("retry", (earliest - reached) + " offsets LOST");
    assertThat(s.offsetStore().lostRanges(s.raw)).as("only what was never read")
        .containsExactly(new org.kafkaetl.core.KafkaEvent(TopicPartition.of(s.raw, 0),
            new org.kafkaetl.core.OffsetRange(reached, earliest)));
    List<Long> kept = new ArrayList<>(sent.subList(0, (int) reached));
    kept.addAll(sent.subList((int) earliest, MESSAGES));
    assertThat(LandedFiles.envelopeOffsets(fs, new Path(s.workRoot))).as("hourly files: every offset read, once")
        .isEqualTo(Map.of(0, kept));
    assertThat(LandedFiles.envelopeOffsets(fs, new Path(s.properties().get("etl.warehouse.root"))))
        .as("daily files").isEqualTo(Map.of(0, kept));
    assertNothingLeftAside(fs, s, range);
  }

  private static void assertNothingLeftAside(FileSystem fs, EtlScenario s, RangeRecord range) throws Exception {
    Path earlier = new Path(s.workRoot + "/" + range.hour() + "/" + WorkLayout.EARLIER_DIR);
    assertThat(fs.exists(earlier) ? List.of(fs.listStatus(earlier)) : List.of()).as("nothing left aside").isEmpty();
  }

  private static final int MESSAGES = 2000;

  private static void deleteBefore(EtlTestEnvironment env, String topic, long offset) throws Exception {
    env.kafka().admin().deleteRecords(Map.of(new org.apache.kafka.common.TopicPartition(topic, 0),
        RecordsToDelete.beforeOffset(offset))).all().get();
  }

  /** Sequence numbers of the page views in the data files under root, per partition, sorted. */
  private static Map<TopicPartition, List<Long>> seqs(FileSystem fs, Path root) throws Exception {
    Map<TopicPartition, List<Long>> seqs = new TreeMap<>();
    for (LandedFiles.LandedFile f : LandedFiles.dataFiles(fs, root)) {
      TopicPartition tp = WorkLayout.parseDataFileName(f.name()).map(e -> e.partition())
          .orElseGet(() -> TopicPartition.of(f.topicDir(), 0));
      for (GenericRecord r : f.records()) {
        seqs.computeIfAbsent(tp, k -> new ArrayList<>()).add((Long) r.get("seq"));
      }
    }
    seqs.values().forEach(l -> l.sort(Long::compare));
    return seqs;
  }
}
