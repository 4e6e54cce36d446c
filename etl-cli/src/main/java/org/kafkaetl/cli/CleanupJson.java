package org.kafkaetl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.json.JsonDocument;
import org.kafkaetl.core.offsets.HistoryPruned;
import org.kafkaetl.merge.WorkCleanup;

/**
 * What {@code cleanup --json} prints: each hour directory considered and what became of it, and the
 * etl_offsets rows removed. Shape documented in docs/runbook.md, named by {@link #FORMAT}.
 */
final class CleanupJson {
  /** Names this shape; a change that is not an addition gets a new name. */
  static final String FORMAT = "kafka-etl.cleanup.v1";

  private CleanupJson() {}

  /**
   * @param decisions empty when another run held the lock and nothing was looked at
   * @param pruned the etl_offsets rows removed; empty when none were to be (dry run, no retention set,
   *     or the lock was taken meanwhile: then {@code exit} says LOCKED)
   */
  static String render(int olderThanDays, boolean dryRun, ExitCode exit, Optional<List<WorkCleanup.Decision>> decisions,
      Optional<HistoryPruned> pruned, List<String> lines) {
    ObjectNode root = JsonDocument.begin(FORMAT);
    root.put("olderThanDays", olderThanDays).put("dryRun", dryRun);
    root.put("exitCode", exit.code()).put("result", exit.name());
    List<WorkCleanup.Decision> all = decisions.orElse(List.of());
    root.put("considered", all.size());
    root.put("deleted", all.stream().filter(WorkCleanup.Decision::delete).count());
    ArrayNode hours = root.putArray("hourDirectories");
    all.forEach(d -> hours.addObject().put("path", d.hourDir()).put("delete", d.delete()).put("reason", d.reason()));
    pruned.ifPresentOrElse(p -> root.putObject("offsetsPruned").put("ranges", p.ranges())
        .put("lostRanges", p.lostRanges()).put("partitions", p.partitions()), () -> root.putNull("offsetsPruned"));
    ArrayNode text = root.putArray("lines");
    lines.forEach(text::add);
    return JsonDocument.write(root);
  }
}
