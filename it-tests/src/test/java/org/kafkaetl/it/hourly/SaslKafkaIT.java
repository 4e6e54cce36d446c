package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.fixtures.HadoopFixture;
import org.kafkaetl.it.fixtures.SaslKafkaFixture;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.LogCapture;

/**
 * The hourly run against a broker that only speaks SASL_PLAINTEXT/PLAIN and authorizes by ACL: the
 * {@code kafka.*} pass-through logs planning (Admin client) and the map tasks (consumers, in their
 * own JVMs) in; wrong or missing credentials end the run quickly with one line and nothing written;
 * the password shows nowhere.
 */
@org.junit.jupiter.api.Tag("own-jvm")
@ExtendWith(EtlEnvironmentExtension.class)
class SaslKafkaIT {
  private static final int PARTITIONS = 2;
  private static final String WRONG_PASSWORD = "wrong-Pw-0e6b55d2";
  private static SaslKafkaFixture kafka;

  @TempDir
  java.nio.file.Path tmp;
  private LogCapture logs;

  @BeforeAll
  static void startSaslBroker() {
    kafka = SaslKafkaFixture.start();
  }

  @AfterAll
  static void stopSaslBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @BeforeEach
  void captureLogs(HadoopFixture hadoop) {
    logs = new LogCapture(hadoop);
  }

  @AfterEach
  void stopCapturingLogs() {
    logs.close();
  }

  @Test
  void withTheEtlUsersCredentialsTheRunLandsEveryOffsetExactlyOnce(EtlTestEnvironment env) throws Exception {
    EtlScenario s = scenario(env, SaslKafkaFixture.ETL_PASSWORD);
    s.sendRaw(0, 40);
    s.sendRaw(1, 25);
    Map<TopicPartition, List<Long>> sent = s.sent();

    EtlCli.Result run = new EtlCli(env.hadoop().configuration(), tmp, s.properties()).run("run");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    // The broker has no other listener: whatever landed was read by map tasks that logged in.
    assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot), s.raw)).isEqualTo(sent);
    assertThat(s.offsetStore().allRanges(s.raw)).hasSize(PARTITIONS)
        .allSatisfy(r -> assertThat(r.state()).isEqualTo(RangeState.COMPLETE));
    assertThat(endsByPartition(s.offsetStore().allRanges(s.raw))).isEqualTo(sentCounts(sent));
    assertThat(logs.containerLogFileCount()).as("the map tasks' logs were searched too").isPositive();
    assertThat(logs.text()).as("the Kafka clients' configuration dumps were searched too")
        .contains("sasl.jaas.config = [hidden]");
    assertShowsNoPassword(run, SaslKafkaFixture.ETL_PASSWORD);
    List<String> jobConfigurations = jobConfigurations(env.hadoop().fileSystem());
    assertThat(jobConfigurations).as("the job's configuration as the history server keeps it")
        .anySatisfy(xml -> assertThat(xml).contains("kafka.etl.config.kafka.sasl.mechanism"))
        .allSatisfy(xml -> assertThat(xml).doesNotContain(SaslKafkaFixture.ETL_PASSWORD));
  }

  @Test
  void aWrongPasswordEndsTheRunAtOnceWithOneLineAndWritesNothing(EtlTestEnvironment env) throws Exception {
    EtlScenario s = scenario(env, WRONG_PASSWORD);
    s.sendRaw(0, 5);
    s.sent();

    long started = System.nanoTime();
    EtlCli.Result run = new EtlCli(env.hadoop().configuration(), tmp, s.properties()).run("run");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(took).as("an authentication failure is not waited out").isLessThan(Duration.ofSeconds(10));
    assertThat(run.err().strip()).as(run.toString()).doesNotContain("\n")
        .containsIgnoringCase("authentication failed").contains(kafka.bootstrapServers(), "kafka.sasl.jaas.config");
    assertNothingWritten(env, s);
    assertShowsNoPassword(run, WRONG_PASSWORD);
  }

  @Test
  void withoutCredentialsTheRunEndsWithinTheKafkaTimeoutWithOneLineAndWritesNothing(EtlTestEnvironment env)
      throws Exception {
    EtlScenario s = new EtlScenario(env, kafka.kafka(), tmp, PARTITIONS);
    // a client without credentials speaks PLAINTEXT to the SASL listener, which closes each connection
    s.onlyTopic(s.raw).set("kafka.request.timeout.ms", "3000").set("kafka.default.api.timeout.ms", "5000");
    s.sendRaw(0, 5);
    s.sent();

    long started = System.nanoTime();
    EtlCli.Result run = new EtlCli(env.hadoop().configuration(), tmp, s.properties()).run("run");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(took).isLessThan(Duration.ofSeconds(20));
    assertThat(run.err().strip()).as(run.toString()).doesNotContain("\n")
        .contains(kafka.bootstrapServers(), "kafka.security.protocol");
    assertNothingWritten(env, s);
  }

  private EtlScenario scenario(EtlTestEnvironment env, String password) {
    EtlScenario s = new EtlScenario(env, kafka.kafka(), tmp, PARTITIONS);
    kafka.allowEtlToRead(s.name);
    s.onlyTopic(s.raw);
    kafka.etlClientSettings(password).forEach(s::set);
    return s;
  }

  private static void assertNothingWritten(EtlTestEnvironment env, EtlScenario s) throws Exception {
    assertThat(env.hadoop().fileSystem().exists(new Path(s.workRoot))).as("no hour directory").isFalse();
    assertThat(s.offsetStore().allRanges(s.raw)).as("no etl_offsets rows").isEmpty();
  }

  private void assertShowsNoPassword(EtlCli.Result run, String password) {
    assertThat(run.out()).doesNotContain(password);
    assertThat(run.err()).doesNotContain(password);
    assertThat(logs.text()).doesNotContain(password);
  }

  private static Map<Integer, Long> endsByPartition(List<RangeRecord> ranges) {
    return ranges.stream().collect(Collectors.toMap(r -> r.event().partition().partition(), r -> r.event().range().end()));
  }

  private static Map<Integer, Long> sentCounts(Map<TopicPartition, List<Long>> sent) {
    return sent.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(), e -> (long) e.getValue().size()));
  }

  /** Every job configuration file on HDFS: the staging directory's job.xml and the history's copies. */
  private static List<String> jobConfigurations(org.apache.hadoop.fs.FileSystem fs) throws java.io.IOException {
    List<String> texts = new java.util.ArrayList<>();
    org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = fs.listFiles(new Path("/"), true);
    while (files.hasNext()) {
      Path file = files.next().getPath();
      if (file.getName().equals("job.xml") || file.getName().endsWith("_conf.xml")) {
        try (java.io.InputStream in = fs.open(file)) {
          texts.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    return texts;
  }
}
