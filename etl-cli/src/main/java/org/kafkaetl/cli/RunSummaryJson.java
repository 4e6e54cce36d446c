package org.kafkaetl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kafkaetl.core.metrics.CommandMetrics;
import org.kafkaetl.core.metrics.TopicTally;
import org.kafkaetl.core.json.JsonDocument;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.plan.TopicUnavailable;
import org.kafkaetl.mapreduce.driver.RunResult;

/**
 * What {@code run --json} and {@code rerun --json} print: the run's numbers per topic, every range
 * that did not land completely, the topics not read and why, the merge after it and whether the
 * metrics were pushed. Shape
 * documented in docs/runbook.md, named by {@link #FORMAT}. COMPLETE ranges are counted, not listed:
 * a run of a thousand partitions would otherwise print a thousand objects nobody has to act on.
 */
final class RunSummaryJson {
  /** Names this shape; a change that is not an addition gets a new name. */
  static final String FORMAT = "kafka-etl.run.v1";

  private RunSummaryJson() {}

  /**
   * @param merged the merge after the run, null when none ran
   * @param lines what the text output prints, in order
   */
  static String render(CommandMetrics metrics, RunResult result, MergeAfterRun.Outcome merged, MetricsPush push,
      List<String> lines) {
    return JsonDocument.write(document(metrics, result, merged, push, lines));
  }

  /** The same document, to print or to put into another (the error document of a step that failed after it). */
  static ObjectNode document(CommandMetrics metrics, RunResult result, MergeAfterRun.Outcome merged, MetricsPush push,
      List<String> lines) {
    ObjectNode root = JsonDocument.begin(FORMAT);
    root.put("command", metrics.command());
    root.put("exitCode", metrics.exitCode().code());
    root.put("result", metrics.exitCode().name());
    root.put("runId", result.runId());
    root.put("hour", result.hour() == null ? null : result.hour().toString());
    root.put("finished", metrics.finished().toString());
    root.put("durationSeconds", metrics.duration().toMillis() / 1000.0);
    root.put("mergeDurationSeconds", metrics.mergeDuration().toMillis() / 1000.0);
    ArrayNode hours = root.putArray("hoursLanded");
    result.hoursLanded().forEach(h -> hours.add(h.toString()));
    topics(root.putArray("topics"), metrics.topics(), result.outcomes());
    ArrayNode notComplete = root.putArray("rangesNotComplete");
    result.outcomes().stream().filter(o -> o.state() != RangeState.COMPLETE)
        .forEach(o -> range(notComplete.addObject(), o));
    ArrayNode notRead = root.putArray("notRead");
    result.notRead().forEach(u -> notRead(notRead.addObject(), u));
    if (merged == null) {
      root.putNull("merge");
    } else {
      ObjectNode merge = root.putObject("merge").put("exitCode", merged.exitCode().code());
      ArrayNode messages = merge.putArray("messages");
      merged.messages().forEach(messages::add);
    }
    push.into(root);
    ArrayNode text = root.putArray("lines");
    lines.stream().flatMap(String::lines).forEach(text::add);
    return root;
  }

  private static void topics(ArrayNode into, Map<String, TopicTally> tallies, List<RangeOutcome> outcomes) {
    Map<String, Long> ranges = new TreeMap<>();
    outcomes.forEach(o -> ranges.merge(o.event().partition().topic(), 1L, Long::sum));
    Map<String, TopicTally> all = new TreeMap<>(tallies);
    ranges.keySet().forEach(t -> all.putIfAbsent(t, TopicTally.NONE));
    all.forEach((topic, t) -> into.addObject().put("topic", topic).put("ranges", ranges.getOrDefault(topic, 0L))
        .put("records", t.records()).put("decodeErrors", t.decodeErrors())
        .put("incompleteRanges", t.incompleteRanges()).put("lostOffsets", t.lostOffsets())
        .put("bytesMerged", t.bytesMerged()));
  }

  /** A topic (or some of its partitions) the run read nothing of: {@code partitions} empty for the whole topic. */
  private static void notRead(ObjectNode into, TopicUnavailable u) {
    into.put("topic", u.topic());
    ArrayNode partitions = into.putArray("partitions");
    u.partitions().forEach(partitions::add);
    into.put("cause", u.cause().name()).put("reason", u.cause().text())
        .put("detail", u.detail() == null || u.detail().isBlank() ? null : u.detail());
  }

  private static void range(ObjectNode into, RangeOutcome o) {
    into.put("topic", o.event().partition().topic()).put("partition", o.event().partition().partition())
        .put("begin", o.event().range().begin()).put("end", o.event().range().end()).put("state", o.state().name())
        .put("reached", o.reached()).put("records", o.records()).put("decodeErrors", o.decodeErrors())
        .put("detail", o.detail() == null || o.detail().isBlank() ? null : o.detail());
    ArrayNode lost = into.putArray("lost");
    o.lost().forEach(r -> lost.addObject().put("begin", r.begin()).put("end", r.end()));
  }
}
