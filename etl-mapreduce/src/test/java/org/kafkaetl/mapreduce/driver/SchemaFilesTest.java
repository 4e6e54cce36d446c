package org.kafkaetl.mapreduce.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.decode.RegistryUnavailableException;
import org.kafkaetl.core.plan.TopicUnavailable;
import org.junit.jupiter.api.Test;

class SchemaFilesTest {
  @Test
  void aRegistryThatDoesNotAnswerLeavesOnlyItsTopicsUnreadable() throws IOException {
    EtlConfig config = EtlConfig.parse(Map.of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:mysql://db/etl",
        "db.user", "etl", "etl.topics", "clicks,logs", "topic.clicks.format", "avro-confluent",
        "schema.registry.url", "http://127.0.0.1:" + closedPort(), "schema.registry.request.timeout", "2s"));

    SchemaFiles.Loaded loaded = SchemaFiles.loadReadable(config, new Configuration(false));

    assertThat(loaded.schemas()).isEmpty();
    assertThat(loaded.unreadable()).singleElement().satisfies(u -> {
      assertThat(u.topic()).isEqualTo("clicks");
      assertThat(u.wholeTopic()).isTrue();
      assertThat(u.cause()).isEqualTo(TopicUnavailable.Cause.SCHEMA_REGISTRY);
      assertThat(u.detail()).contains("subject clicks-value").contains("did not answer");
    });
    assertThatThrownBy(() -> SchemaFiles.load(config, new Configuration(false)))
        .as("where every topic is needed (a rerun), no schema is an error")
        .isInstanceOf(RegistryUnavailableException.class).hasMessageContaining("clicks");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
