package org.kafkaetl.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One {@code --json} document: an object whose first key, {@code format}, names its shape (e.g.
 * {@code kafka-etl.audit.v1}, documented in docs/runbook.md). Keys are only ever added under the
 * same name; a change that is not an addition gets a new name, so scripts can check what they read.
 */
public final class JsonDocument {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonDocument() {}

  /** An empty document of the named shape. */
  public static ObjectNode begin(String format) {
    return JSON.createObjectNode().put("format", format);
  }

  /** The document as the command prints it: indented, ending with a newline, nothing else. */
  public static String write(ObjectNode document) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + document.path("format").asText() + " as JSON", e);
    }
  }
}
