package org.kafkaetl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Map;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.json.JsonDocument;
import org.kafkaetl.hive.DayPublisher;

/**
 * What {@code register --json} prints: per day what the Hive Metastore was told and why. Shape
 * documented in docs/runbook.md, named by {@link #FORMAT}.
 */
final class RegisterJson {
  /** Names this shape; a change that is not an addition gets a new name. */
  static final String FORMAT = "kafka-etl.register.v1";

  private RegisterJson() {}

  /** @param days each day asked for, in order, with its outcome and the line the text prints for it */
  static String render(String topic, String table, ExitCode exit, Map<LocalDate, DayPublisher.Outcome> days,
      Map<LocalDate, String> lines) {
    ObjectNode root = JsonDocument.begin(FORMAT);
    root.put("topic", topic).put("table", table);
    root.put("exitCode", exit.code()).put("result", exit.name());
    ArrayNode list = root.putArray("days");
    days.forEach((day, outcome) -> list.addObject().put("date", day.toString()).put("result", outcome.result().name())
        .put("reason", outcome.reason()).put("line", lines.get(day)));
    return JsonDocument.write(root);
  }
}
