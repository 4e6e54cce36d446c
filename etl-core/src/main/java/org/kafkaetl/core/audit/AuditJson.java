package org.kafkaetl.core.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kafkaetl.core.json.JsonDocument;

/**
 * The audit's answer ({@code audit --json}) as one JSON document: the per-partition table, the notes,
 * the verdict and each problem. Shape documented in docs/runbook.md, named by {@link #FORMAT}.
 */
public final class AuditJson {
  /** Names this shape; a change that is not an addition gets a new name. */
  public static final String FORMAT = "kafka-etl.audit.v1";

  private AuditJson() {}

  public static String render(AuditReport report) {
    ObjectNode root = JsonDocument.begin(FORMAT);
    root.put("topic", report.topic());
    AuditWindow window = report.window();
    ObjectNode covered = root.putObject("window").put("from", window.from().toString())
        .put("to", window.to().toString());
    window.date().ifPresentOrElse(d -> covered.put("date", d.toString()), () -> covered.putNull("date"));
    root.put("clean", report.clean());
    root.put("verdict", report.verdict());
    ArrayNode partitions = root.putArray("partitions");
    for (PartitionLine line : report.partitionLines()) {
      ObjectNode row = partitions.addObject();
      long[] columns = line.columns();
      // the text table's column names, which are the keys: partition, ranges, expected, landed, …
      for (int i = 0; i < columns.length; i++) {
        row.put(AuditReport.HEADERS[i], columns[i]);
      }
      row.put("problems", report.problemsOf(line.partition()));
    }
    ArrayNode notes = root.putArray("notes");
    report.notes().forEach(notes::add);
    ArrayNode problems = root.putArray("problems");
    for (Finding f : report.findings()) {
      ObjectNode problem = problems.addObject().put("kind", f.kind().name());
      if (f.partition() == Finding.NO_PARTITION) {
        problem.putNull("partition");
      } else {
        problem.put("partition", f.partition());
      }
      problem.put("where", f.where()).put("what", f.what());
    }
    return JsonDocument.write(root);
  }
}
