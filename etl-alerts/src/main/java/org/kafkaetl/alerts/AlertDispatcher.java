package org.kafkaetl.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.AlertHistory;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.alert.AlertSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AlertSender} the tool uses: stores every alert in the history, suppresses one whose
 * key was sent within the window (one page per incident, not per run), and delivers to each channel
 * that wants it. Nothing here throws: a failed channel or an unreachable history is logged and the
 * ETL result stands.
 *
 * <p>An alert counts as sent, and silences its repeats for the window, only when a channel that pages
 * (any but the log) delivered it, or when no such channel wants it. A page every paging channel
 * failed to deliver is stored {@link AlertHistory.Outcome#UNDELIVERED}: the log alone tells nobody,
 * so the incident's next raise is delivered again, even within the window.
 */
public final class AlertDispatcher implements AlertSender {
  private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

  private final List<Channel> channels;
  private final AlertHistory history;
  private final Duration suppressionWindow;
  private final Clock clock;

  AlertDispatcher(List<Channel> channels, AlertHistory history, Duration suppressionWindow, Clock clock) {
    this.channels = List.copyOf(channels);
    this.history = history;
    this.suppressionWindow = suppressionWindow;
    this.clock = clock;
  }

  @Override
  public void send(Alert alert) {
    Instant now = clock.instant();
    if (recentlySent(alert, now)) {
      LOG.info("alert {} suppressed: the same incident was sent less than {} ago", alert.key(), suppressionWindow);
      record(alert, now, AlertHistory.Outcome.SUPPRESSED, List.of(), List.of());
      return;
    }
    List<String> delivered = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    boolean pageWanted = false;
    boolean paged = false;
    for (Channel channel : channels) {
      if (!channel.wants(alert)) {
        continue;
      }
      pageWanted |= channel.pages();
      Delivery delivery = deliver(channel, alert);
      if (delivery != Delivery.FAILED) {
        delivered.add(channel.name());
        paged |= channel.pages();
      }
      if (delivery != Delivery.COMPLETE) {
        failed.add(channel.name());
      }
    }
    boolean undelivered = pageWanted && !paged;
    if (undelivered) {
      LOG.error("alert {} reached nobody: every channel that pages failed ({}); it is sent again when it recurs,"
          + " even within {}", alert.key(), String.join(", ", failed), suppressionWindow);
    }
    record(alert, now, undelivered ? AlertHistory.Outcome.UNDELIVERED : AlertHistory.Outcome.SENT, delivered, failed);
  }

  /** Sends "RESOLVED" on exactly the channels that carried each open incident, and closes it. */
  @Override
  public void resolve(String keyPrefix, java.util.function.Predicate<String> over, String summary) {
    List<AlertHistory.OpenIncident> open;
    try {
      open = history.openIncidents(keyPrefix);
    } catch (RuntimeException e) {
      LOG.warn("alert history unreachable ({}); no resolution sent for {}", e.getMessage(), keyPrefix);
      return;
    }
    Instant now = clock.instant();
    for (AlertHistory.OpenIncident incident : open) {
      if (!over.test(incident.key())) {
        continue;
      }
      Alert resolution = new Alert(Severity.INFO, incident.key(), "RESOLVED: " + summary,
          "The incident " + incident.key() + " is over; nothing needs doing.", List.of());
      List<String> delivered = new ArrayList<>();
      for (Channel channel : channels) {
        if (incident.channels().contains(channel.name()) && deliver(channel, resolution) != Delivery.FAILED) {
          delivered.add(channel.name());
        }
      }
      try {
        history.recordResolution(incident.key(), resolution.summary(), now, delivered);
      } catch (RuntimeException e) {
        LOG.warn("could not store the resolution of {} in the history: {}", incident.key(), e.getMessage());
      }
    }
  }

  private boolean recentlySent(Alert alert, Instant now) {
    try {
      Optional<Instant> last = history.lastSent(alert.key());
      return last.isPresent() && last.get().plus(suppressionWindow).isAfter(now);
    } catch (RuntimeException e) {
      LOG.warn("alert history unreachable ({}); sending alert {} without suppression", e.getMessage(), alert.key());
      return false;
    }
  }

  private static Delivery deliver(Channel channel, Alert alert) {
    try {
      channel.deliver(alert);
      return Delivery.COMPLETE;
    } catch (PartialDeliveryException e) {
      LOG.error("alert {} by {} reached only some recipients: {}", alert.key(), channel.name(), e.getMessage());
      return Delivery.PARTIAL;
    } catch (RuntimeException e) {
      LOG.error("could not deliver alert {} by {}: {}", alert.key(), channel.name(), e.getMessage());
      return Delivery.FAILED;
    }
  }

  private void record(Alert alert, Instant now, AlertHistory.Outcome outcome, List<String> delivered,
      List<String> failed) {
    try {
      history.record(alert, now, outcome, delivered, failed);
    } catch (RuntimeException e) {
      LOG.warn("could not store alert {} in the history: {}", alert.key(), e.getMessage());
    }
  }

  /** How one channel's delivery went; a partial one reached someone, so it counts as delivered. */
  private enum Delivery {
    COMPLETE,
    PARTIAL,
    FAILED
  }
}
