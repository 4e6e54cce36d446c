package org.kafkaetl.core.status;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.offsets.RangeState;

/**
 * The fleet view as one self-contained HTML page for the person on call: the actions with their
 * commands first, then a topics x hours heat map (a click on a topic shows its hours, records and
 * the command for its partition grid) and the records per hour. Everything is inline (our own CSS
 * and script, the data as JSON), so the page opens from a mail, a ticket or a laptop without any
 * network. The script draws from the embedded data; the actions are also plain HTML, so they read
 * without it.
 */
public final class FleetPage {
  /** Names the shape of the embedded data (element {@code #fleet-data}), which tests and scripts read. */
  public static final String FORMAT = "kafka-etl.status.page.v1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STYLE = resource("fleet-page.css");
  private static final String SCRIPT = resource("fleet-page.js");

  private static final int LAG_ROWS = 30;

  private FleetPage() {}

  public static String render(FleetStatus status, FleetRecords records, FixCommands fix, Instant generated) {
    return render(status, records, FleetLagHistory.NOT_READ, fix, generated);
  }

  /** @param lagHistory the lag per topic and hour of the window, plotted under the lag table */
  public static String render(FleetStatus status, FleetRecords records, FleetLagHistory lagHistory, FixCommands fix,
      Instant generated) {
    List<FleetStatus.Action> actions = status.actions(fix);
    String title = "kafka-etl: " + status.topics().size() + " topics, " + status.from() + " to " + status.to();
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        .append(escapeHtml4(title)).append("</title>\n<style>").append(STYLE).append("</style></head><body>\n")
        .append("<header><h1>").append(escapeHtml4(title)).append("</h1><p id=\"summary\">")
        .append(escapeHtml4(summaryLine(status, actions, generated))).append("</p></header>\n");
    appendActions(html, actions);
    html.append("<section id=\"plots\"><h2>Records per hour, all topics</h2><div id=\"records-plot\"></div>\n")
        .append("<h2>Lag, messages behind Kafka</h2>").append(lagTable(status.lag()))
        .append("<h2>Lag per hour, all topics</h2><div id=\"lag-plot\"></div></section>\n")
        .append("<section id=\"heatmap-section\"><h2>Hours of every topic</h2><div id=\"controls\"></div>")
        .append("<div id=\"legend\"></div><div id=\"heatmap\"></div></section>\n")
        .append("<aside id=\"detail\" hidden></aside>\n")
        .append("<noscript><p>The heat map and plots need scripts; the actions above and"
            + " <code>status --json</code> show the same.</p></noscript>\n")
        .append("<script type=\"application/json\" id=\"fleet-data\">").append(data(status, records, lagHistory, fix,
            actions, generated)).append("</script>\n<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    return html.toString();
  }

  /** Topics behind, most behind first; at most {@value #LAG_ROWS} rows, so 300 topics stay one screen. */
  private static String lagTable(FleetLag lag) {
    StringBuilder html = new StringBuilder("<div id=\"lag\">");
    lag.notes().forEach(n -> html.append("<p class=\"note\">").append(escapeHtml4(n)).append("</p>"));
    List<FleetLag.TopicLag> behind = lag.topics().values().stream().filter(l -> l.messagesBehind() > 0)
        .sorted(java.util.Comparator.comparingLong(FleetLag.TopicLag::messagesBehind).reversed()).toList();
    if (!lag.topics().isEmpty() && behind.isEmpty()) {
      html.append("<p class=\"ok\">Every topic measured has landed all Kafka holds.</p>");
    }
    if (!behind.isEmpty()) {
      html.append("<table class=\"lag\"><thead><tr><th>topic</th><th>messages behind</th><th>not planned yet</th>"
          + "<th>planned, not landed</th><th>partitions behind</th><th>oldest not landed (s)</th></tr></thead><tbody>");
      behind.stream().limit(LAG_ROWS).forEach(l -> html.append("<tr data-topic=\"").append(escapeHtml4(l.topic()))
          .append("\"><td>").append(escapeHtml4(l.topic())).append("</td><td>").append(l.messagesBehind())
          .append("</td><td>").append(l.notPlanned()).append("</td><td>").append(l.plannedNotLanded())
          .append("</td><td>").append(l.partitionsBehind()).append("</td><td>")
          .append(l.oldestSeconds().isPresent() ? String.valueOf(l.oldestSeconds().getAsLong()) : "?")
          .append("</td></tr>"));
      html.append("</tbody></table>");
      if (behind.size() > LAG_ROWS) {
        html.append("<p class=\"note\">and ").append(behind.size() - LAG_ROWS)
            .append(" more topics behind: status --json lists every one.</p>");
      }
    }
    return html.append("</div>").toString();
  }

  private static String summaryLine(FleetStatus status, List<FleetStatus.Action> actions, Instant generated) {
    long topics = actions.stream().map(FleetStatus.Action::topic).distinct().count();
    return status.windowHours() + " hours up to " + status.to() + " (now " + status.now() + "); "
        + (actions.isEmpty() ? "nothing needs action" : actions.size() + " action(s) for " + topics + " topic(s)")
        + "; written " + generated.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  private static void appendActions(StringBuilder html, List<FleetStatus.Action> actions) {
    html.append("<section id=\"actions\"><h2>Needs action, worst first</h2>\n");
    if (actions.isEmpty()) {
      html.append("<p class=\"ok\">Nothing needs action.</p></section>\n");
      return;
    }
    html.append("<ol>\n");
    for (FleetStatus.Action a : actions) {
      html.append("<li class=\"action ").append(a.urgency().name()).append("\" data-topic=\"")
          .append(escapeHtml4(a.topic())).append("\"><span class=\"urgency\">").append(a.urgency().name())
          .append("</span> <a href=\"#topic=").append(escapeHtml4(a.topic())).append("\" class=\"topic-link\">")
          .append(escapeHtml4(a.topic())).append("</a> ").append(escapeHtml4(a.problem()))
          .append("<div class=\"cmd\"><code>").append(escapeHtml4(a.command()))
          .append("</code><button type=\"button\" class=\"copy\">copy</button></div></li>\n");
    }
    html.append("</ol></section>\n");
  }

  private static String data(FleetStatus status, FleetRecords records, FleetLagHistory lagHistory, FixCommands fix,
      List<FleetStatus.Action> actions, Instant generated) {
    ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("generated", generated.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
        .put("from", status.from().toString()).put("to", status.to().toString()).put("now", status.now().toString())
        .put("recordsRead", records.isRead()).put("lagHistoryRead", lagHistory.isRead());
    ObjectNode lag = root.putObject("lag");
    ArrayNode lagNotes = lag.putArray("notes");
    status.lag().notes().forEach(lagNotes::add);
    ObjectNode lagTopics = lag.putObject("topics");
    status.lag().topics().forEach((name, l) -> FleetJson.lag(lagTopics.putObject(name), l));
    List<HourPartition> hours = hoursOf(status);
    ArrayNode labels = root.putArray("hourLabels");
    hours.forEach(h -> labels.add(h.toString()));
    ArrayNode legend = root.putArray("legend");
    for (CellState state : CellState.values()) {
      legend.addObject().put("symbol", String.valueOf(state.symbol())).put("state", state.name())
          .put("meaning", state.meaning());
    }
    Map<String, Map<HourPartition, TopicHour>> byTopic = new HashMap<>();
    status.hours().forEach(h -> byTopic.computeIfAbsent(h.topic(), t -> new HashMap<>()).put(h.hour(), h));
    Map<String, Long> actionCount = new HashMap<>();
    actions.forEach(a -> actionCount.merge(a.topic(), 1L, Long::sum));
    ArrayNode topics = root.putArray("topics");
    for (FleetStatus.TopicSummary summary : status.summaries()) {
      ObjectNode topic = topic(summary, byTopic.getOrDefault(summary.topic(), Map.of()), hours, records, fix,
          actionCount.getOrDefault(summary.topic(), 0L), status.to().date());
      ArrayNode lagPerHour = topic.putArray("lag");
      hours.forEach(h -> {
        OptionalLong behind = lagHistory.messagesBehind(summary.topic(), h);
        if (behind.isPresent()) {
          lagPerHour.add(behind.getAsLong());
        } else {
          lagPerHour.addNull();
        }
      });
      topics.add(topic);
    }
    ArrayNode list = root.putArray("actions");
    actions.forEach(a -> list.addObject().put("urgency", a.urgency().name()).put("topic", a.topic())
        .put("hour", a.hour().toString()).put("problem", a.problem()).put("command", a.command()));
    try {
      // "</script>" inside a string would end the element early; "<" occurs in JSON only inside
      // strings, where \u003c reads as the same character
      return JSON.writeValueAsString(root).replace("<", "\\u003c");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the page's data as JSON", e);
    }
  }

  private static ObjectNode topic(FleetStatus.TopicSummary summary, Map<HourPartition, TopicHour> withRanges,
      List<HourPartition> hours, FleetRecords records, FixCommands fix, long actions, LocalDate lastDate) {
    ObjectNode topic = JSON.createObjectNode().put("topic", summary.topic()).put("actions", actions);
    StringBuilder cells = new StringBuilder();
    ArrayNode counts = topic.putArray("records");
    ObjectNode notes = topic.putObject("notes");
    for (int i = 0; i < hours.size(); i++) {
      TopicHour hour = withRanges.get(hours.get(i));
      cells.append(hour == null ? CellState.EMPTY.symbol() : hour.state().symbol());
      OptionalLong n = records.of(summary.topic(), hours.get(i));
      if (n.isPresent()) {
        counts.add(n.getAsLong());
      } else {
        counts.addNull();
      }
      if (hour != null && hour.state() != CellState.MERGED) {
        notes.put(String.valueOf(i), note(hour));
      }
    }
    topic.put("cells", cells.toString());
    ObjectNode counted = topic.putObject("hours");
    FleetColumns.SHOWN.forEach(c -> counted.put(c.key(), summary.hoursIn(c.state())));
    topic.put("newestCompleteHour", summary.newestCompleteHour().map(Object::toString).orElse(null));
    ArrayNode days = topic.putArray("daysComplete");
    summary.daysComplete().forEach(d -> days.add(d.toString()));
    topic.put("gridCommand", fix.status(summary.topic(), lastDate));
    return topic;
  }

  /** Which partitions make the hour what it is, e.g. "incomplete: partition(s) [2]; not merged: [0, 1]". */
  private static String note(TopicHour hour) {
    List<String> parts = new ArrayList<>();
    for (RangeState state : List.of(RangeState.INCOMPLETE, RangeState.PLANNED, RangeState.RUNNING, RangeState.LOST)) {
      List<Integer> partitions = hour.partitionsIn(state);
      if (!partitions.isEmpty()) {
        parts.add(state.name().toLowerCase(java.util.Locale.ROOT) + ": partition(s) " + partitions);
      }
    }
    if (!hour.unmergedPartitions().isEmpty()) {
      parts.add("not merged: partition(s) " + hour.unmergedPartitions()
          + (hour.unmergedDates().isEmpty() ? "" : " of " + hour.unmergedDates()));
    }
    return String.join("; ", parts);
  }

  private static List<HourPartition> hoursOf(FleetStatus status) {
    List<HourPartition> hours = new ArrayList<>();
    for (HourPartition h = status.from(); h.compareTo(status.to()) <= 0; h = new HourPartition(h.start().plusHours(1))) {
      hours.add(h);
    }
    return hours;
  }

  private static String resource(String name) {
    try (InputStream in = FleetPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
