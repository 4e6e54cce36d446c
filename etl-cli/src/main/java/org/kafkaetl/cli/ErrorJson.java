package org.kafkaetl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kafkaetl.core.json.JsonDocument;

/**
 * What a command given {@code --json} prints when it fails outright (exit 1) or is given bad arguments
 * (exit 2): the same message as the line on stderr, so a script reading stdout always gets one JSON
 * document. Shape documented in docs/runbook.md, named by {@link #FORMAT}.
 */
final class ErrorJson {
  /** Names this shape; a change that is not an addition gets a new name. */
  static final String FORMAT = "kafka-etl.error.v1";

  private ErrorJson() {}

  static String render(String command, int exitCode, String error) {
    return render(command, exitCode, error, null);
  }

  /**
   * @param run the run's {@code kafka-etl.run.v1} document when a step after the run failed (the merge,
   *     a registration), so a script loses nothing the run did; null otherwise, and then left out
   */
  static String render(String command, int exitCode, String error, ObjectNode run) {
    ObjectNode root = JsonDocument.begin(FORMAT);
    root.put("command", command).put("exitCode", exitCode).put("error", error);
    if (run != null) {
      root.set("run", run);
    }
    return JsonDocument.write(root);
  }
}
