package org.kafkaetl.core.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.json.JsonDocument;
import org.kafkaetl.core.sizing.ThroughputHistory;

/**
 * The fleet view as one JSON document for scripts. The shape is documented in docs/runbook.md and
 * named by {@link #FORMAT}: keys are only ever added, never renamed or removed, under the same name.
 */
public final class FleetJson {
  /** Names this shape; a change that is not an addition gets a new name. */
  public static final String FORMAT = "kafka-etl.status.fleet.v1";

  private FleetJson() {}

  /** One topic's lag, as the JSON and the page give it. */
  static ObjectNode lag(ObjectNode into, FleetLag.TopicLag lag) {
    into.put("messagesBehind", lag.messagesBehind()).put("notPlanned", lag.notPlanned())
        .put("plannedNotLanded", lag.plannedNotLanded()).put("partitionsBehind", lag.partitionsBehind());
    if (lag.oldestSeconds().isPresent()) {
      into.put("oldestSeconds", lag.oldestSeconds().getAsLong());
    } else {
      into.putNull("oldestSeconds");
    }
    return into;
  }

  public static String render(FleetStatus status, FixCommands fix) {
    return render(status, fix, java.util.Optional.empty());
  }

  /** @param lastSizedRun the last run sized by etl.target.run.time, when runs size themselves */
  public static String render(FleetStatus status, FixCommands fix,
      java.util.Optional<ThroughputHistory.RunTiming> lastSizedRun) {
    ObjectNode root = JsonDocument.begin(FORMAT);
    root.put("from", status.from().toString());
    root.put("to", status.to().toString());
    root.put("hours", status.windowHours());
    root.put("now", status.now().toString());
    var actions = status.actions(fix);
    root.put("needsAction", !actions.isEmpty());
    ArrayNode topics = root.putArray("topics");
    for (FleetStatus.TopicSummary summary : status.summaries()) {
      ObjectNode topic = topics.addObject();
      topic.put("topic", summary.topic());
      ObjectNode hours = topic.putObject("hours");
      FleetColumns.SHOWN.forEach(c -> hours.put(c.key(), summary.hoursIn(c.state())));
      topic.put("newestCompleteHour", summary.newestCompleteHour().map(Object::toString).orElse(null));
      ArrayNode days = topic.putArray("daysComplete");
      summary.daysComplete().stream().map(LocalDate::toString).forEach(days::add);
      topic.put("actions", actions.stream().filter(a -> a.topic().equals(summary.topic())).count());
      status.lag().of(summary.topic()).ifPresentOrElse(lag -> lag(topic.putObject("lag"), lag),
          () -> topic.putNull("lag"));
    }
    lastSizedRun.ifPresentOrElse(t -> root.putObject("lastSizedRun").put("runId", t.runId()).put("hour", t.hour())
        .put("mapTasks", t.mappers()).put("targetSeconds", t.target().toMillis() / 1000.0)
        .put("expectedSeconds", t.expected().toMillis() / 1000.0).put("actualSeconds", t.actual().toMillis() / 1000.0),
        () -> root.putNull("lastSizedRun"));
    ArrayNode lagNotes = root.putArray("lagNotes");
    status.lag().notes().forEach(lagNotes::add);
    ArrayNode list = root.putArray("actions");
    for (FleetStatus.Action action : actions) {
      list.addObject().put("urgency", action.urgency().name()).put("topic", action.topic())
          .put("hour", action.hour().toString()).put("problem", action.problem()).put("command", action.command());
    }
    return JsonDocument.write(root);
  }
}
