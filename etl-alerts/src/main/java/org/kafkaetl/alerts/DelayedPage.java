package org.kafkaetl.alerts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.kafkaetl.core.alert.Alert;

/**
 * What a page nobody received says when it is sent again: the same key, details and commands, the
 * summary led by "DELAYED page" and when it was first raised. The lead goes in the summary because
 * every channel carries it, and an SMS cut for length loses its end, not its start; whoever reads
 * it must know the incident is not new and may have changed since.
 */
final class DelayedPage {
  private static final DateTimeFormatter FIRST_RAISED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private DelayedPage() {}

  static Alert of(Alert alert, Instant firstRaised) {
    return new Alert(alert.severity(), alert.key(),
        "DELAYED page, first raised " + FIRST_RAISED.format(firstRaised) + ": " + alert.summary(), alert.details(),
        alert.fixCommands());
  }
}
