package org.kafkaetl.core.status;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.util.Map;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.FixCommands;

/**
 * The grid as one self-contained HTML page (inline style, no scripts, nothing fetched), so it can
 * be mailed, attached to a ticket or opened from a laptop at 2 a.m. Hovering a cell shows its ranges.
 */
public final class StatusHtml {
  private static final String STYLE = """
      body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
      table{border-collapse:collapse;font-family:monospace}
      th,td{border:1px solid #ccc;padding:2px 6px;text-align:center}
      td.num{text-align:right}
      .INCOMPLETE{background:#e74c3c;color:#fff}.OPEN{background:#f39c12}.UNMERGED{background:#f7dc6f}
      .LOST{background:#a569bd;color:#fff}.MERGED{background:#58d68d}.EMPTY{background:#f4f6f6;color:#999}
      code{background:#f4f6f6;padding:2px 4px;display:inline-block;margin:2px 0}
      """;

  private StatusHtml() {}

  public static String render(DayStatus status, FixCommands fix) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(escapeHtml4("kafka-etl status: " + status.topic() + " " + status.date()))
        .append("</title>\n<style>").append(STYLE).append("</style></head><body>\n");
    html.append("<h1>").append(escapeHtml4(status.topic() + " — " + status.date())).append("</h1>\n<p>")
        .append(escapeHtml4(status.completeRevision().map(r -> "Day complete (_COMPLETE revision " + r + ").")
            .orElse("Day not complete (no _COMPLETE marker).")))
        .append("</p>\n");
    appendActions(html, status, fix);
    appendGrid(html, status);
    appendLegend(html);
    return html.append("</body></html>\n").toString();
  }

  private static void appendActions(StringBuilder html, DayStatus status, FixCommands fix) {
    var actions = status.actions(fix);
    if (actions.isEmpty()) {
      html.append("<p><strong>Nothing needs action.</strong></p>\n");
      return;
    }
    html.append("<h2>Needs action</h2>\n<ul>\n");
    actions.forEach(a -> html.append("<li>").append(escapeHtml4(a.problem())).append("<br><code>")
        .append(escapeHtml4(a.command())).append("</code></li>\n"));
    html.append("</ul>\n");
  }

  private static void appendGrid(StringBuilder html, DayStatus status) {
    html.append("<table>\n<tr><th>hour</th>");
    status.partitions().forEach(p -> html.append("<th>p").append(p).append("</th>"));
    html.append("<th>records</th><th>undecodable</th></tr>\n");
    status.cells().forEach((hour, row) -> appendRow(html, hour, row));
    html.append("</table>\n");
  }

  private static void appendRow(StringBuilder html, HourPartition hour, Map<Integer, HourCell> row) {
    html.append("<tr><th>").append(hour).append("</th>");
    row.values().forEach(c -> html.append("<td class=\"").append(c.state().name()).append("\" title=\"")
        .append(escapeHtml4(tooltip(c))).append("\">").append(c.state().symbol()).append("</td>"));
    html.append("<td class=\"num\">").append(row.values().stream().mapToLong(HourCell::records).sum())
        .append("</td><td class=\"num\">").append(row.values().stream().mapToLong(HourCell::decodeErrors).sum())
        .append("</td></tr>\n");
  }

  private static String tooltip(HourCell cell) {
    String head = "partition " + cell.partition() + ", hour " + cell.hour() + ": " + cell.state().meaning();
    String ranges = String.join("\n", cell.describeRanges());
    String unmerged = cell.unmergedDates().isEmpty() ? "" : "\nnot merged: " + cell.unmergedDates();
    String rewritten = cell.rewrittenDates().isEmpty() ? ""
        : "\nwritten again since merged (rebuild the day): " + cell.rewrittenDates();
    return head + (ranges.isEmpty() ? "" : "\n" + ranges) + unmerged + rewritten;
  }

  private static void appendLegend(StringBuilder html) {
    html.append("<p>");
    for (CellState state : CellState.values()) {
      html.append("<span class=\"").append(state.name()).append("\">&nbsp;").append(state.symbol())
          .append("&nbsp;</span> ").append(escapeHtml4(state.meaning())).append(" &nbsp; ");
    }
    html.append("</p>\n");
  }
}
