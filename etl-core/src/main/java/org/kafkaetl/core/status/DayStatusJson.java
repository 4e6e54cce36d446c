package org.kafkaetl.core.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.json.JsonDocument;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;

/**
 * One topic's day ({@code status --topic T --date D --json}) as one JSON document: the grid the text
 * shows, the ranges behind each cell that is not plainly done, and the actions. Shape documented in
 * docs/runbook.md, named by {@link #FORMAT}.
 */
public final class DayStatusJson {
  /** Names this shape; a change that is not an addition gets a new name. */
  public static final String FORMAT = "kafka-etl.status.topic.v1";

  private DayStatusJson() {}

  public static String render(DayStatus status, FixCommands fix) {
    return render(status, fix, java.util.Optional.empty());
  }

  /** @param hivePartition for a topic with a Hive table, what its partition of the day says (as the text shows it) */
  public static String render(DayStatus status, FixCommands fix, java.util.Optional<String> hivePartition) {
    ObjectNode root = JsonDocument.begin(FORMAT);
    root.put("topic", status.topic());
    root.put("date", status.date().toString());
    root.put("now", status.now().toString());
    var actions = status.actions(fix);
    root.put("needsAction", !actions.isEmpty());
    root.put("dayComplete", status.completeRevision().isPresent());
    status.completeRevision().ifPresentOrElse(r -> root.put("completeRevision", r),
        () -> root.putNull("completeRevision"));
    ArrayNode partitions = root.putArray("partitions");
    status.partitions().forEach(partitions::add);
    // the same hour counts as the fleet view, here counted per cell (hour and partition)
    ObjectNode cells = root.putObject("cells");
    Map<CellState, Integer> counts = status.counts();
    FleetColumns.SHOWN.forEach(c -> cells.put(c.key(), counts.getOrDefault(c.state(), 0)));
    ArrayNode hours = root.putArray("hours");
    status.cells().forEach((hour, row) -> hour(hours.addObject(), hour, row));
    ArrayNode ranges = root.putArray("ranges");
    status.cells().values().forEach(row -> row.values().stream().filter(DayStatusJson::needsLooking)
        .forEach(cell -> cell.ranges().forEach(r -> range(ranges.addObject(), r))));
    ArrayNode changes = root.putArray("incarnationChanges");
    status.incarnationChanges().forEach(changes::add);
    ArrayNode list = root.putArray("actions");
    actions.forEach(a -> list.addObject().put("problem", a.problem()).put("command", a.command()));
    root.put("hivePartition", hivePartition.orElse(null));
    return JsonDocument.write(root);
  }

  /** {@code cells}: one symbol per partition, in the order of {@code partitions}, as in the text grid. */
  private static void hour(ObjectNode into, HourPartition hour, Map<Integer, HourCell> row) {
    StringBuilder symbols = new StringBuilder();
    row.values().forEach(c -> symbols.append(c.state().symbol()));
    into.put("hour", hour.toString()).put("cells", symbols.toString())
        .put("records", row.values().stream().mapToLong(HourCell::records).sum())
        .put("decodeErrors", row.values().stream().mapToLong(HourCell::decodeErrors).sum());
  }

  /** The cells whose ranges the text lists under "ranges to look at". */
  private static boolean needsLooking(HourCell cell) {
    return cell.state() == CellState.INCOMPLETE || cell.state() == CellState.OPEN || cell.state() == CellState.LOST;
  }

  private static void range(ObjectNode into, RangeRecord r) {
    into.put("hour", r.hour().toString()).put("partition", r.event().partition().partition())
        .put("begin", r.event().range().begin()).put("end", r.event().range().end())
        .put("state", r.state().name()).put("records", r.records()).put("decodeErrors", r.decodeErrors());
    if (r.state() == RangeState.INCOMPLETE) {
      into.put("reached", r.reached());
    } else {
      into.putNull("reached");
    }
    into.put("detail", r.detail() == null || r.detail().isBlank() ? null : r.detail());
  }
}
