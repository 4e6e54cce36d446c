package org.kafkaetl.mapreduce.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.kafkaetl.core.config.Password;
import org.kafkaetl.core.config.SchemaRegistrySettings;
import org.kafkaetl.core.decode.RegistryUnavailableException;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {
  @Test
  void writerSchemasTheRunAlreadyHasAreAnsweredWithoutAskingTheRegistry() throws IOException {
    Schema click = SchemaBuilder.record("Click").fields().requiredLong("id").endRecord();
    SchemaRegistryClient client = new SchemaRegistryClient(new SchemaRegistrySettings(
        List.of(URI.create("http://127.0.0.1:" + closedPort())), Optional.empty(), new Password(""),
        Duration.ofSeconds(2), Map.of()), Map.of(7, click));

    assertThat(client.byId(7)).contains(click);
    assertThatThrownBy(() -> client.byId(8)).as("any other id is asked for").isInstanceOf(RegistryUnavailableException.class);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
