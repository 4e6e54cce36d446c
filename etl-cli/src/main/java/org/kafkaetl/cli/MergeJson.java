package org.kafkaetl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.OptionalInt;
import org.kafkaetl.core.json.JsonDocument;
import org.kafkaetl.merge.DailyMerge;

/**
 * What {@code merge --json} prints: the date merged, per partition what was appended, and whether the
 * metrics were pushed. Shape documented in docs/runbook.md, named by {@link #FORMAT}.
 */
final class MergeJson {
  /** Names this shape; a change that is not an addition gets a new name. */
  static final String FORMAT = "kafka-etl.merge.v1";

  private MergeJson() {}

  static String render(String topic, LocalDate date, OptionalInt partition, boolean rebuild,
      DailyMerge.MergeResult result, Duration took, MetricsPush push) {
    ObjectNode root = JsonDocument.begin(FORMAT);
    root.put("topic", topic).put("date", date.toString());
    partition.ifPresentOrElse(p -> root.put("partition", p), () -> root.putNull("partition"));
    root.put("rebuild", rebuild);
    root.put("exitCode", result.exitCode().code());
    root.put("result", result.exitCode().name());
    root.put("durationSeconds", took.toMillis() / 1000.0);
    root.put("bytesMerged", result.bytes());
    ArrayNode partitions = root.putArray("partitions");
    for (DailyMerge.PartitionMerged p : result.partitions()) {
      partitions.addObject().put("partition", p.partition()).put("filesAppended", p.filesAppended())
          .put("records", p.records()).put("bytes", p.bytes()).put("rebuilt", p.rebuilt());
    }
    push.into(root);
    ArrayNode lines = root.putArray("lines");
    result.message().lines().forEach(lines::add);
    return JsonDocument.write(root);
  }
}
