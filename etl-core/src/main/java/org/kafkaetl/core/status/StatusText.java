package org.kafkaetl.core.status;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.FixCommands;

/** The grid for a terminal: one line per hour, one symbol per partition, then what to do. */
public final class StatusText {
  private StatusText() {}

  public static String render(DayStatus status, FixCommands fix) {
    StringBuilder out = new StringBuilder();
    out.append("topic ").append(status.topic()).append(", ").append(status.date()).append(": ")
        .append(status.completeRevision().map(r -> "day complete (_COMPLETE revision " + r + ")")
            .orElse("day not complete (no _COMPLETE marker)"))
        .append('\n');
    SortedSet<Integer> partitions = status.partitions();
    int width = partitions.stream().mapToInt(p -> String.valueOf(p).length()).max().orElse(1) + 1;
    out.append(String.format("%-10s ", "hour"));
    partitions.forEach(p -> out.append(String.format("%" + width + "s", p)));
    out.append("   records  undecodable\n");
    status.cells().forEach((hour, row) -> appendRow(out, hour, row, width));
    out.append("legend:");
    for (CellState state : CellState.values()) {
      out.append("  ").append(state.symbol()).append(' ').append(state.meaning());
    }
    out.append('\n');
    appendProblems(out, status);
    status.incarnationChanges().forEach(change -> out.append(change).append('\n'));
    appendActions(out, status.actions(fix));
    return out.toString();
  }

  private static void appendRow(StringBuilder out, HourPartition hour, Map<Integer, HourCell> row, int width) {
    out.append(String.format("%-10s ", hour));
    row.values().forEach(c -> out.append(String.format("%" + width + "s", c.state().symbol())));
    long records = row.values().stream().mapToLong(HourCell::records).sum();
    long errors = row.values().stream().mapToLong(HourCell::decodeErrors).sum();
    out.append(String.format(" %9d  %11d", records, errors)).append('\n');
  }

  /** The ranges behind every cell that is not plainly done, with how far they got and why. */
  private static void appendProblems(StringBuilder out, DayStatus status) {
    List<HourCell> notDone = status.cells().values().stream().flatMap(row -> row.values().stream())
        .filter(c -> c.state() == CellState.INCOMPLETE || c.state() == CellState.OPEN || c.state() == CellState.LOST)
        .toList();
    if (!notDone.isEmpty()) {
      out.append("ranges to look at:\n");
    }
    notDone.forEach(c -> c.describeRanges().forEach(line ->
        out.append("  ").append(c.hour()).append(" partition ").append(c.partition()).append(": ").append(line)
            .append('\n')));
  }

  private static void appendActions(StringBuilder out, List<DayStatus.Action> actions) {
    if (actions.isEmpty()) {
      out.append("nothing needs action\n");
      return;
    }
    out.append("needs action:\n");
    actions.forEach(a -> out.append("  ").append(a.problem()).append("\n    ").append(a.command()).append('\n'));
  }
}
