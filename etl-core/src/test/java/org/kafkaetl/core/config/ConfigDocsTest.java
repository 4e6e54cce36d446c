package org.kafkaetl.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {
  private static final Path DOCS = Path.of("../docs/configuration.md");

  @Test
  void checkedInDocsMatchTheDeclarations() throws IOException {
    String checkedIn = Files.exists(DOCS) ? Files.readString(DOCS, StandardCharsets.UTF_8) : "";
    assertThat(checkedIn)
        .as("docs/configuration.md is stale or missing; regenerate it with scripts/gen-config-docs"
            + " and commit the result")
        .isEqualTo(ConfigDocs.markdown());
  }

  @Test
  void everyKeyIsDocumentedAndSecretDefaultsAreHidden() {
    String md = ConfigDocs.markdown();
    EtlConfigDef.globalKeys().forEach(k -> assertThat(md).contains("| `" + k.name() + "` |"));
    EtlConfigDef.topicKeys().forEach(k -> assertThat(md).contains("| `" + k.name() + "` |"));
    assertThat(md).contains("| `kafka.*` |").contains("| `topic.<name>.format` |");
  }
}
