package org.kafkaetl.core.status;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.kafkaetl.core.alert.FixCommands;

/** The fleet view for a terminal: one line per topic with its hour counts, then what to do. */
public final class FleetText {
  private FleetText() {}

  public static String render(FleetStatus status, FixCommands fix) {
    List<FleetStatus.Action> actions = status.actions(fix);
    List<FleetStatus.TopicSummary> summaries = status.summaries();
    long needing = actions.stream().map(FleetStatus.Action::topic).distinct().count();
    StringBuilder out = new StringBuilder()
        .append("status of ").append(status.topics().size()).append(" topics, hours ").append(status.from())
        .append(" to ").append(status.to()).append(" (").append(status.windowHours()).append(" hours; now ")
        .append(status.now()).append("): ").append(needing == 0 ? "nothing needs action" : needing + " need action")
        .append('\n');
    int width = Math.max(5, status.topics().stream().mapToInt(String::length).max().orElse(5));
    out.append(String.format("%-" + width + "s", "topic"));
    FleetColumns.SHOWN.forEach(c -> out.append(String.format(" %10s", c.key())));
    out.append(String.format(" %14s %11s  %-15s %s%n", "lag (messages)", "oldest (s)", "newest complete",
        "days complete"));
    for (FleetStatus.TopicSummary topic : summaries) {
      out.append(String.format("%-" + width + "s", topic.topic()));
      FleetColumns.SHOWN.forEach(c -> out.append(String.format(" %10d", topic.hoursIn(c.state()))));
      out.append(String.format(" %14s", status.lag().of(topic.topic()).map(l -> String.valueOf(l.messagesBehind()))
          .orElse("?")));
      out.append(String.format(" %11s", status.lag().of(topic.topic()).map(l -> l.messagesBehind() == 0 ? "-"
          : l.oldestSeconds().isPresent() ? String.valueOf(l.oldestSeconds().getAsLong()) : "?").orElse("?")));
      out.append(String.format("  %-15s %s%n", topic.newestCompleteHour().map(Object::toString).orElse("-"),
          topic.daysComplete().isEmpty() ? "-"
              : topic.daysComplete().stream().map(LocalDate::toString).collect(Collectors.joining(","))));
    }
    out.append("hours: complete = every range landed and merged; notMerged = landed, not all in daily files;"
        + " lost = part lost to retention, rest merged; running = planned or being read\n");
    out.append("lag: messages in Kafka not landed yet (not planned by a run, or planned in the window and not read);"
        + " oldest: seconds since the oldest of them reached Kafka (its timestamp), among each topic's "
        + FleetLag.AGED_PARTITIONS + " partitions most behind\n");
    status.lag().notes().forEach(n -> out.append("lag: ").append(n).append('\n'));
    if (actions.isEmpty()) {
      out.append("nothing needs action\n");
      return out.toString();
    }
    out.append("needs action, worst first:\n");
    actions.forEach(a -> out.append("  ").append(a.topic()).append(' ').append(a.problem()).append("\n    ")
        .append(a.command()).append('\n'));
    return out.toString();
  }
}
