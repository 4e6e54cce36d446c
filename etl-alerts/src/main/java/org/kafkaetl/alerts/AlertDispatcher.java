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
 * so the incident's next raise is delivered again, even within the window; and since incidents raised
 * once never recur, {@link #redeliverUndelivered} sends such a page again from the history.
 */
public final class AlertDispatcher implements AlertSender {
  private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

  private final List<Channel> channels;
  private final AlertHistory history;
  private final Duration suppressionWindow;
  private final Duration redeliveryLookback;
  private final Clock clock;

  AlertDispatcher(List<Channel> channels, AlertHistory history, Duration suppressionWindow,
      Duration redeliveryLookback, Clock clock) {
    this.channels = List.copyOf(channels);
    this.history = history;
    this.suppressionWindow = suppressionWindow;
    this.redeliveryLookback = redeliveryLookback;
    this.clock = clock;
  }

  @Override
  public void send(Alert alert) {
    Instant now = clock.instant();
    if (recentlySent(alert, now)) {
      LOG.info("alert {} suppressed: the same incident was sent less than {} ago", alert.key(), suppressionWindow);
      record(alert, now, now, AlertHistory.Outcome.SUPPRESSED, List.of(), List.of());
      return;
    }
    deliverAndRecord(alert, alert, now, now);
  }

  /**
   * Sends again, as a {@link DelayedPage}, every page nobody received that is still owed and was first
   * raised within the look-back ({@link AlertHistory#undeliveredSince}); each is stored like any raise,
   * so one delivered now is owed no more. Commands call it before their own work. Stops at the first
   * that is still undelivered: the channels are most likely still down, every further attempt would
   * cost the command the HTTP retries' time, and the next command tries again. Never throws.
   */
  public void redeliverUndelivered() {
    if (redeliveryLookback.isZero()) {
      return;
    }
    List<AlertHistory.UndeliveredPage> owed;
    try {
      owed = history.undeliveredSince(clock.instant().minus(redeliveryLookback));
    } catch (RuntimeException e) {
      LOG.warn("alert history unreachable ({}); pages nobody received are not sent again by this command",
          e.getMessage());
      return;
    }
    for (int i = 0; i < owed.size(); i++) {
      AlertHistory.UndeliveredPage page = owed.get(i);
      if (!deliverAndRecord(page.alert(), DelayedPage.of(page.alert(), page.firstRaised()), clock.instant(),
          page.firstRaised())) {
        LOG.warn("delayed page {} reached nobody again; it and {} more page(s) nobody received are left for the"
            + " next command", page.alert().key(), owed.size() - i - 1);
        return;
      }
      LOG.info("delayed page {} (first raised {}) delivered", page.alert().key(), page.firstRaised());
    }
  }

  /**
   * Delivers {@code text} to every channel that wants it and stores {@code alert} with the outcome.
   *
   * @return false when it is stored {@link AlertHistory.Outcome#UNDELIVERED}
   */
  private boolean deliverAndRecord(Alert alert, Alert text, Instant now, Instant firstRaised) {
    List<String> delivered = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    boolean pageWanted = false;
    boolean paged = false;
    for (Channel channel : channels) {
      if (!channel.wants(text)) {
        continue;
      }
      pageWanted |= channel.pages();
      Delivery delivery = deliver(channel, text);
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
          + " even within {}, or by a later command within {} of its first raise", alert.key(),
          String.join(", ", failed), suppressionWindow, redeliveryLookback);
    }
    record(alert, now, firstRaised, undelivered ? AlertHistory.Outcome.UNDELIVERED : AlertHistory.Outcome.SENT,
        delivered, failed);
    return !undelivered;
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

  private void record(Alert alert, Instant now, Instant firstRaised, AlertHistory.Outcome outcome,
      List<String> delivered, List<String> failed) {
    try {
      history.record(alert, now, firstRaised, outcome, delivered, failed);
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
