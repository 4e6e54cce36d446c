package org.kafkaetl.core.decode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.kafkaetl.core.EtlException;

/** Reads Avro schemas (.avsc), with errors that name where the schema came from. */
public final class SchemaLoader {
  private SchemaLoader() {}

  /** @throws EtlException naming {@code sourceName} if the text is not a valid schema */
  public static Schema parse(String avscText, String sourceName) {
    Objects.requireNonNull(avscText, "avscText");
    try {
      // A fresh parser each time: a parser remembers named types, so reuse would couple schemas.
      return new Schema.Parser().parse(avscText);
    } catch (AvroRuntimeException e) {
      throw new EtlException("invalid Avro schema in " + sourceName + ": " + e.getMessage(), e);
    }
  }

  /** @throws EtlException naming the file if it cannot be read or is not a valid schema */
  public static Schema load(Path avscFile) {
    try {
      return parse(Files.readString(avscFile, StandardCharsets.UTF_8), avscFile.toString());
    } catch (IOException e) {
      throw new EtlException("cannot read Avro schema file " + avscFile + ": " + e, e);
    }
  }
}
