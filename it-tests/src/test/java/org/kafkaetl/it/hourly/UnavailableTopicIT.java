package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.AlertCapture;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LandedFiles;

/**
 * A configured topic that Kafka no longer has must not stop the others: they land, that topic
 * alerts once with its cause and the command, and the run's exit code says it was not a full success.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class UnavailableTopicIT {
  private static final int PARTITIONS = 2;

  @TempDir
  java.nio.file.Path tmp;

  @Test
  void aTopicDeletedFromKafkaButStillConfiguredAlertsWhileTheOthersLandExactlyOnce(EtlTestEnvironment env)
      throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, PARTITIONS);
    s.onlyTopic(s.raw);
    String gone = s.name + "_gone";
    env.kafka().createTopic(gone, PARTITIONS);
    s.set("etl.topics", s.raw + "," + gone);
    s.sendRaw(0, 5);
    s.sendRaw(1, 4);
    for (int p = 0; p < PARTITIONS; p++) {
      env.kafka().produce(gone, p, null, ("g" + p).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    s.sent();
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp, s.properties());
    EtlCli.Result first = cli.run("run");
    assertThat(first.exitCode()).as(first.toString()).isZero();

    env.kafka().deleteTopic(gone);
    s.sendRaw(0, 3);
    s.sendRaw(1, 6);
    Map<TopicPartition, List<Long>> sent = s.sent();
    EtlCli.Result second;
    List<String> alerts;
    try (AlertCapture capture = new AlertCapture()) {
      second = cli.run("run");
      alerts = capture.alerts();
    }

    assertThat(second.exitCode()).as("not a full success: " + second).isEqualTo(3);
    assertThat(second.out() + second.err()).as(second.toString()).contains(gone, "does not exist");
    assertThat(landedOffsets(env, s, s.raw)).as("the good topic landed every offset exactly once").isEqualTo(sent);
    List<RangeRecord> goodRanges = s.offsetStore().allRanges(s.raw);
    assertThat(goodRanges).as("the good topic's second run is recorded").hasSizeGreaterThan(PARTITIONS)
        .allSatisfy(r -> assertThat(r.state().name()).isEqualTo("COMPLETE"));
    assertThat(s.offsetStore().allRanges(gone)).as("nothing new is recorded for the missing topic")
        .hasSize(PARTITIONS);
    assertThat(alerts).as("one alert for the missing topic, no 'Kafka cannot be used'").singleElement().asString()
        .contains(gone, "does not exist", "etl.topics", "hadoop jar kafka-etl-job.jar run --config " + cli.configFile())
        .doesNotContain("Kafka cannot be used", "need a decision");

    List<String> again;
    EtlCli.Result third;
    try (AlertCapture capture = new AlertCapture()) {
      third = cli.run("run");
      again = capture.alerts();
    }
    assertThat(third.exitCode()).as("still not a full success: " + third).isEqualTo(3);
    assertThat(again).as("the same incident is not paged again within the suppression window").isEmpty();
    assertThat(goodRanges.stream().map(RangeRecord::event).collect(Collectors.toSet()))
        .isEqualTo(s.offsetStore().allRanges(s.raw).stream().map(RangeRecord::event).collect(Collectors.toSet()));

    // The topic is back: whoever was paged hears that it is over.
    env.kafka().createTopic(gone, PARTITIONS);
    List<String> back;
    try (AlertCapture capture = new AlertCapture()) {
      cli.run("run");
      back = capture.alerts();
    }
    assertThat(back).as(back.toString()).filteredOn(a -> a.contains("RESOLVED")).singleElement().asString()
        .contains("kafka-unavailable:" + gone + ":all:DOES_NOT_EXIST", "Kafka answered for the topic again");
  }

  /** Offsets per partition in the raw topic's hourly files (the work root also holds the other topic's). */
  private static Map<TopicPartition, List<Long>> landedOffsets(EtlTestEnvironment env, EtlScenario s, String topic)
      throws java.io.IOException {
    Map<TopicPartition, List<Long>> offsets = new java.util.TreeMap<>();
    for (LandedFiles.LandedFile f : LandedFiles.dataFiles(env.hadoop().fileSystem(), new Path(s.workRoot))) {
      if (f.topicDir().equals(topic)) {
        f.records().forEach(r -> offsets.computeIfAbsent(TopicPartition.of(topic, (Integer) r.get("partition")),
            k -> new java.util.ArrayList<>()).add((Long) r.get("offset")));
      }
    }
    offsets.values().forEach(l -> l.sort(Long::compare));
    return offsets;
  }
}
