package org.kafkaetl.mapreduce.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.plan.MapperAssignment;

class JobSettingsTest {
  private static final KafkaEvent E1 = new KafkaEvent(TopicPartition.of("a.b-c_d", 0), new OffsetRange(0, 10));
  private static final KafkaEvent E2 = new KafkaEvent(TopicPartition.of("x", 7), new OffsetRange(10, 25));

  @Test
  void splitsAndConfigRoundTripThroughTheJobConfigurationWithoutThePassword() {
    EtlConfig config = EtlConfig.parse(Map.of(
        "kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:mysql://db/etl", "db.user", "etl",
        "db.password", "never-ship-me", "etl.topics", "a.b-c_d,x"));
    Configuration conf = new Configuration(false);
    org.apache.hadoop.security.Credentials credentials = new org.apache.hadoop.security.Credentials();
    JobSettings.write(conf, credentials, config, Map.of(), List.of(
        new MapperAssignment(List.of(E1, E2), 25), new MapperAssignment(List.of(E2), 15)), 42);

    assertThat(JobSettings.splits(conf)).containsExactly(List.of(E1, E2), List.of(E2));
    assertThat(JobSettings.config(conf, credentials).topicNames()).containsExactly("a.b-c_d", "x");
    conf.forEach(entry -> assertThat(entry.getValue()).doesNotContain("never-ship-me"));
  }

  @Test
  void writerSchemasByIdRoundTrip() {
    Configuration conf = new Configuration(false);
    assertThat(JobSettings.writerSchemas(conf)).isEmpty();
    org.apache.avro.Schema click = org.apache.avro.SchemaBuilder.record("Click").fields().requiredLong("id").endRecord();
    JobSettings.writeWriterSchemas(conf, Map.of(3, click, 41, org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING)));
    assertThat(JobSettings.writerSchemas(conf)).containsEntry(3, click).containsKey(41).hasSize(2);
  }

  @Test
  void resumedEventsAndTheirOffsetsRoundTrip() {
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(false);
    assertThat(JobSettings.resumed(conf)).isEmpty();
    Map<org.kafkaetl.core.KafkaEvent, Long> from = Map.of(
        new org.kafkaetl.core.KafkaEvent(org.kafkaetl.core.TopicPartition.of("a.b-c", 3),
            new org.kafkaetl.core.OffsetRange(10, 20)), 15L,
        new org.kafkaetl.core.KafkaEvent(org.kafkaetl.core.TopicPartition.of("x", 0),
            new org.kafkaetl.core.OffsetRange(0, 5)), 5L);
    JobSettings.writeResumed(conf, from);
    assertThat(JobSettings.resumed(conf)).isEqualTo(from);
  }

  /**
   * job.xml is readable by whoever may view the job (history server, staging directory): Kafka's
   * secrets travel in the job's credentials, which only the job's own tasks receive.
   */
  @Test
  void kafkaSecretsTravelInTheJobCredentialsAndNeverInTheJobConfiguration() throws IOException {
    String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"etl\""
        + " password=\"Kafka-Secret-5d1e\";";
    EtlConfig config = EtlConfig.parse(Map.of(
        "kafka.bootstrap.servers", "k:9092", "kafka.sasl.jaas.config", jaas,
        "kafka.ssl.key.password", "Key-Secret-0b7c", "db.url", "jdbc:mysql://db/etl", "db.user", "etl",
        "etl.topics", "x"));
    Configuration conf = new Configuration(false);
    org.apache.hadoop.security.Credentials credentials = new org.apache.hadoop.security.Credentials();

    JobSettings.write(conf, credentials, config, Map.of(), List.of(new MapperAssignment(List.of(E2), 15)), 42);

    ByteArrayOutputStream jobXml = new ByteArrayOutputStream();
    conf.writeXml(jobXml);
    assertThat(jobXml.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("k:9092").doesNotContain("Kafka-Secret-5d1e", "Key-Secret-0b7c");
    assertThat(JobSettings.config(conf, credentials).kafkaClientProperties())
        .containsEntry("sasl.jaas.config", jaas).containsEntry("ssl.key.password", "Key-Secret-0b7c");
  }

  @Test
  void inputSplitsSerialize() throws IOException {
    EtlInputSplit split = new EtlInputSplit(List.of(E1, E2));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    split.write(new DataOutputStream(bytes));
    EtlInputSplit read = new EtlInputSplit();
    read.readFields(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(read.events()).containsExactly(E1, E2);
    assertThat(read.getLength()).isEqualTo(25);
  }

  @Test
  void completionPollIsShortUnlessTheOperatorSetIt() {
    Configuration defaults = new Configuration();
    defaults.addResource("mapred-default.xml");
    JobSettings.shortenCompletionPoll(defaults);
    assertThat(defaults.getInt(JobSettings.COMPLETION_POLL, -1)).isEqualTo(JobSettings.COMPLETION_POLL_MS);

    Configuration chosen = new Configuration();
    chosen.setInt(JobSettings.COMPLETION_POLL, 3000);
    JobSettings.shortenCompletionPoll(chosen);
    assertThat(chosen.getInt(JobSettings.COMPLETION_POLL, -1)).isEqualTo(3000);
  }

  @Test
  void hdfsClosesRetrySoonUnlessTheOperatorSetIt() {
    Configuration unset = HdfsClientDefaults.apply(new Configuration(false));
    assertThat(unset.getInt(HdfsClientDefaults.CLOSE_RETRY_DELAY, -1)).isEqualTo(HdfsClientDefaults.CLOSE_RETRY_DELAY_MS);

    Configuration chosen = new Configuration(false);
    chosen.setInt(HdfsClientDefaults.CLOSE_RETRY_DELAY, 250);
    assertThat(HdfsClientDefaults.apply(chosen).getInt(HdfsClientDefaults.CLOSE_RETRY_DELAY, -1)).isEqualTo(250);
  }

  @Test
  void malformedEventsAreRejected() {
    assertThatThrownBy(() -> JobSettings.decodeEvent("t:0:5")).hasMessageContaining("topic:partition:begin:end");
  }
}
