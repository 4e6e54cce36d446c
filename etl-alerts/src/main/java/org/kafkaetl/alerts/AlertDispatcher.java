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
      record(alert, now, true, List.of());
      return;
    }
    List<String> delivered = new ArrayList<>();
    for (Channel channel : channels) {
      if (channel.wants(alert) && deliver(channel, alert)) {
        delivered.add(channel.name());
      }
    }
    record(alert, now, false, delivered);
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
        if (incident.channels().contains(channel.name()) && deliver(channel, resolution)) {
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

  private static boolean deliver(Channel channel, Alert alert) {
    try {
      channel.deliver(alert);
      return true;
    } catch (RuntimeException e) {
      LOG.error("could not deliver alert {} by {}: {}", alert.key(), channel.name(), e.getMessage());
      return false;
    }
  }

  private void record(Alert alert, Instant now, boolean suppressed, List<String> delivered) {
    try {
      history.record(alert, now, suppressed, delivered);
    } catch (RuntimeException e) {
      LOG.warn("could not store alert {} in the history: {}", alert.key(), e.getMessage());
    }
  }
}
