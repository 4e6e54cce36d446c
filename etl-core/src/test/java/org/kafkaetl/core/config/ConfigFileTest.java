package org.kafkaetl.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.decode.Decoders;
import org.kafkaetl.core.decode.SchemaLoader;

class ConfigFileTest {
  /** Tests run in the module directory; the example lives at the repository root. */
  static final Path REPO = Path.of("..");

  @Test
  void exampleConfigParsesAndItsSchemasFitTheirTopics() {
    EtlConfig c = EtlConfig.load(REPO.resolve("conf/kafka-etl.properties"));
    assertThat(c.topicNames()).containsExactly("page_views", "orders", "audit_log");
    assertThat(c.topics()).extracting(TopicConfig::format)
        .containsExactly(MessageFormat.JSON, MessageFormat.AVRO, MessageFormat.RAW);
    for (TopicConfig topic : c.topics()) {
      Schema schema = topic.schemaFile().map(f -> SchemaLoader.load(REPO.resolve(f))).orElse(null);
      assertThat(Decoders.create(topic, schema)).isNotNull();
    }
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.properties");
    assertThatThrownBy(() -> EtlConfig.load(missing)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("configuration file not found");
  }

  @Test
  void unreadableFileIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> EtlConfig.load(dir)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("cannot read configuration file");
  }

  @Test
  void problemsInAFileNameTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("etl.properties");
    Files.writeString(file, "db.url=jdbc:mysql://x/y\ndb.password=pw-in-file\n");
    assertThatThrownBy(() -> EtlConfig.load(file)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Invalid configuration in " + file + " (3 problems):")
        .hasMessageNotContaining("pw-in-file");
  }
}
