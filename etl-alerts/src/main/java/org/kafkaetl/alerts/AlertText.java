package org.kafkaetl.alerts;

import org.kafkaetl.core.alert.Alert;

/** Plain-text form of an alert: summary, details, then the commands that fix it. */
public final class AlertText {
  private AlertText() {}

  public static String render(Alert alert) {
    StringBuilder text = new StringBuilder()
        .append('[').append(alert.severity()).append("] ").append(alert.summary());
    if (!alert.details().isBlank()) {
      text.append('\n').append(alert.details());
    }
    if (!alert.fixCommands().isEmpty()) {
      text.append("\nTo fix, run:");
      alert.fixCommands().forEach(c -> text.append("\n  ").append(c));
    }
    return text.toString();
  }
}
