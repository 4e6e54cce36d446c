package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.LandedFiles.LandedFile;
import org.kafkaetl.it.support.SmsGateway;

/**
 * Undecodable messages go to the {@code _errors} file beside the data with their raw key and
 * value, offset and reason. Within the topic's budget the run is OK and nobody is paged; over it,
 * the range is INCOMPLETE and one SMS names the cause and the rerun command. Doing what the runbook
 * says (the messages are garbage: raise the budget, run the command) leaves every offset landed
 * exactly once, as data or as an error record.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class ErrorBudgetIT {
  @TempDir
  java.nio.file.Path tmp;

  /** One undecodable message as Kafka acknowledged it, and the reason the decoder must give. */
  private record Bad(int partition, long offset, String key, String value, String reason) {}

  @Test
  void overTheBudgetPagesOnceAndRaisingTheBudgetAndRunningTheCommandLandsEveryOffsetOnce(EtlTestEnvironment env)
      throws Exception {
    try (SmsGateway gateway = SmsGateway.start()) {
      EtlScenario s = new EtlScenario(env, tmp, 2);
      s.onlyTopic(s.json).set("etl.retry.max.attempts", "1").set("topic." + s.json + ".max.decode.errors", "2");
      s.properties().putAll(gateway.alertSettings(""));
      long now = System.currentTimeMillis();
      List<Bad> bad = new ArrayList<>();
      s.sendJson(0, 2, now);
      bad.add(sendBad(env, s, 0, "{not json", "value is not valid JSON"));
      s.sendJson(0, 3, now);
      bad.add(sendBad(env, s, 0, "[1,2]", "value is array, expected a JSON object"));
      bad.add(sendBad(env, s, 0, "{\"user\":\"x\"}", "JSON does not fit schema it.PageView"));
      s.sendJson(0, 1, now);
      s.sendJson(1, 4, now);
      bad.add(sendBad(env, s, 1, "{still not json", "value is not valid JSON"));
      s.sendJson(1, 2, now);
      Map<TopicPartition, List<Long>> sent = s.sent();

      EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp.resolve("budget2"), s.properties());
      EtlCli.Result run = cli.run("run");
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
      List<RangeRecord> ranges = s.offsetStore().allRanges(s.json);
      assertThat(ranges).extracting(RangeRecord::state).containsExactly(RangeState.INCOMPLETE, RangeState.COMPLETE);
      assertThat(ranges).extracting(RangeRecord::decodeErrors).containsExactly(3L, 1L);
      assertThat(ranges.get(0).reached()).as("read to the end; the budget failed it").isEqualTo(9);
      assertThat(ranges.get(0).detail()).contains("3 undecodable messages, over the topic's budget of 2");

      assertThat(gateway.bodies()).as("one SMS, for partition 0 only").hasSize(1);
      assertThat(gateway.texts().get(0)).contains("3 undecodable messages, over the topic's budget of 2",
          "_errors file");
      String command = "rerun --topic " + s.json + " --partition 0 --hour " + ranges.get(0).hour() + " --config "
          + cli.configFile();
      assertThat(gateway.fixCommands()).containsExactly(command);
      assertErrorFilesHoldExactly(env.hadoop().fileSystem(), s, bad);

      // The runbook: look at the _errors file; the messages are garbage, so raise the budget in the
      // configuration the command names, then run the command.
      Map<String, String> raised = new TreeMap<>(s.properties());
      raised.put("topic." + s.json + ".max.decode.errors", "10");
      EtlCli.write(cli.configFile(), raised);
      EtlCli.Result fixed = cli.run(command.split(" "));
      assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
      assertThat(s.offsetStore().allRanges(s.json)).extracting(RangeRecord::state)
          .containsExactly(RangeState.COMPLETE, RangeState.COMPLETE);
      assertThat(gateway.texts()).as("nothing more paged; the paged hour is resolved").hasSize(2);
      assertThat(gateway.texts().get(1)).contains("RESOLVED", s.json, ranges.get(0).hour().toString());
      assertThat(gateway.fixCommands()).as("the resolution asks for nothing").containsExactly(command);

      assertThat(dataSeqs(env.hadoop().fileSystem(), s)).as("every decodable message once").isEqualTo(sent);
      assertErrorFilesHoldExactly(env.hadoop().fileSystem(), s, bad);
      assertThat(landedCount(env.hadoop().fileSystem(), s, 0)).as("data + errors = every offset of partition 0")
          .isEqualTo(env.kafka().endOffsets(s.json, 2).get(new org.apache.kafka.common.TopicPartition(s.json, 0)));
      assertThat(landedCount(env.hadoop().fileSystem(), s, 1)).as("data + errors = every offset of partition 1")
          .isEqualTo(env.kafka().endOffsets(s.json, 2).get(new org.apache.kafka.common.TopicPartition(s.json, 1)));
    }
  }

  @Test
  void withinTheBudgetTheRunIsOkTheErrorsAreKeptAndNobodyIsPaged(EtlTestEnvironment env) throws Exception {
    try (SmsGateway gateway = SmsGateway.start()) {
      EtlScenario s = new EtlScenario(env, tmp, 1);
      s.onlyTopic(s.json);
      s.properties().putAll(gateway.alertSettings(""));
      long now = System.currentTimeMillis();
      List<Bad> bad = new ArrayList<>();
      s.sendJson(0, 3, now);
      bad.add(sendBad(env, s, 0, "{not json", "value is not valid JSON"));
      s.sendJson(0, 2, now);
      bad.add(sendBad(env, s, 0, "\"a string\"", "value is string, expected a JSON object"));
      Map<TopicPartition, List<Long>> sent = s.sent();

      EtlCli.Result run = new EtlCli(env.hadoop().configuration(), tmp, s.properties()).run("run");
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(gateway.bodies()).as("nothing paged").isEmpty();
      assertThat(s.offsetStore().allRanges(s.json)).singleElement().satisfies(r -> {
        assertThat(r.state()).isEqualTo(RangeState.COMPLETE);
        assertThat(r.decodeErrors()).isEqualTo(2);
      });
      assertThat(dataSeqs(env.hadoop().fileSystem(), s)).isEqualTo(sent);
      assertErrorFilesHoldExactly(env.hadoop().fileSystem(), s, bad);
      assertThat(landedCount(env.hadoop().fileSystem(), s, 0)).isEqualTo(7);
    }
  }

  private static Bad sendBad(EtlTestEnvironment env, EtlScenario s, int partition, String value, String reason) {
    String key = "bad-" + partition + "-" + value.hashCode();
    long offset = env.kafka().produceSync(s.json, partition, key.getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8)).offset();
    return new Bad(partition, offset, key, value, reason);
  }

  /** The error files hold each bad message once: raw key and value, offset, and the decoder's reason. */
  private static void assertErrorFilesHoldExactly(FileSystem fs, EtlScenario s, List<Bad> bad) throws Exception {
    List<LandedFile> files = LandedFiles.errorFiles(fs, new Path(s.workRoot));
    assertThat(files).allSatisfy(f -> assertThat(f.path().getParent().getName()).isEqualTo(WorkLayout.ERRORS_DIR));
    List<Bad> found = new ArrayList<>();
    for (LandedFile f : files) {
      for (GenericRecord r : f.records()) {
        assertThat(r.get("topic").toString()).isEqualTo(s.json);
        int partition = (Integer) r.get("partition");
        long offset = (Long) r.get("offset");
        String reason = r.get("reason").toString();
        Bad expected = bad.stream().filter(b -> b.partition() == partition && b.offset() == offset).findFirst()
            .orElseThrow(() -> new AssertionError("unexpected error record " + r));
        assertThat(reason).contains(s.json + "-" + partition + "@" + offset + ": " + expected.reason());
        found.add(new Bad(partition, offset, text(r.get("key")), text(r.get("value")), expected.reason()));
      }
    }
    assertThat(found).containsExactlyInAnyOrderElementsOf(bad);
  }

  /** Sequence numbers of the landed page views per partition (from the data file names), sorted. */
  private static Map<TopicPartition, List<Long>> dataSeqs(FileSystem fs, EtlScenario s) throws Exception {
    Map<TopicPartition, List<Long>> seqs = new TreeMap<>();
    for (LandedFile f : LandedFiles.dataFiles(fs, new Path(s.workRoot))) {
      TopicPartition tp = WorkLayout.parseDataFileName(f.name()).orElseThrow().partition();
      f.records().forEach(r -> seqs.computeIfAbsent(tp, k -> new ArrayList<>()).add((Long) r.get("seq")));
    }
    seqs.values().forEach(l -> l.sort(Long::compare));
    return seqs;
  }

  /** Records in data files plus records in error files of one partition. */
  private static long landedCount(FileSystem fs, EtlScenario s, int partition) throws Exception {
    long count = 0;
    List<LandedFile> all = new ArrayList<>(LandedFiles.dataFiles(fs, new Path(s.workRoot)));
    all.addAll(LandedFiles.errorFiles(fs, new Path(s.workRoot)));
    for (LandedFile f : all) {
      String name = f.name().replace(".errors.avro", ".avro");
      if (WorkLayout.parseDataFileName(name).orElseThrow().partition().partition() == partition) {
        count += f.records().size();
      }
    }
    return count;
  }

  private static String text(Object bytes) {
    ByteBuffer b = ((ByteBuffer) bytes).duplicate();
    byte[] raw = new byte[b.remaining()];
    b.get(raw);
    return new String(raw, StandardCharsets.UTF_8);
  }
}
