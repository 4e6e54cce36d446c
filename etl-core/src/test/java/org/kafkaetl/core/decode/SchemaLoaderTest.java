package org.kafkaetl.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.EtlException;

class SchemaLoaderTest {

  @Test
  void parsesAvsc() {
    Schema s = SchemaLoader.parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}", "r.avsc");
    assertThat(s.getField("a").schema().getType()).isEqualTo(Schema.Type.INT);
  }

  @Test
  void sameNamesInSeparateCallsDoNotClash() {
    String avsc = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}";
    assertThat(SchemaLoader.parse(avsc, "a")).isEqualTo(SchemaLoader.parse(avsc, "b"));
  }

  @Test
  void errorsNameTheSource() {
    assertThatThrownBy(() -> SchemaLoader.parse("{not json", "conf/schemas/x.avsc"))
        .isInstanceOf(EtlException.class).hasMessageStartingWith("invalid Avro schema in conf/schemas/x.avsc: ");
    assertThatThrownBy(() -> SchemaLoader.parse("{\"type\":\"record\",\"name\":\"R\"}", "r.avsc"))
        .isInstanceOf(EtlException.class).hasMessageContaining("r.avsc");
    assertThatThrownBy(() -> SchemaLoader.parse(
        "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":\"x\"}]}", "d.avsc"))
        .isInstanceOf(EtlException.class).hasMessageContaining("d.avsc");
  }

  @Test
  void missingFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("none.avsc");
    assertThatThrownBy(() -> SchemaLoader.load(missing)).isInstanceOf(EtlException.class)
        .hasMessageContaining(missing.toString());
  }
}
