package org.kafkaetl.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.kafkaetl.core.alert.AlertHistory;
import org.kafkaetl.core.config.AlertSettings;

/** Builds the configured alert sender: the dispatcher over the configured channels. */
public final class AlertSenders {
  private AlertSenders() {}

  public static AlertDispatcher from(AlertSettings settings, AlertHistory history, Clock clock) {
    return from(settings, history, clock, new HttpDelivery(3, Duration.ofSeconds(1)));
  }

  static AlertDispatcher from(AlertSettings settings, AlertHistory history, Clock clock, HttpDelivery http) {
    List<Channel> channels = new ArrayList<>();
    if (settings.senders().contains("log")) {
      channels.add(new LogChannel());
    }
    settings.sms().ifPresent(sms -> channels.add(new SmsGatewaySender(sms, http)));
    settings.webhook().ifPresent(webhook -> channels.add(new WebhookSender(webhook, http)));
    return new AlertDispatcher(channels, history, settings.suppressionWindow(), settings.redeliveryLookback(), clock);
  }

  /** The log as a channel. */
  private static final class LogChannel implements Channel {
    private final LogAlertSender log = new LogAlertSender();

    @Override
    public String name() {
      return "log";
    }

    /** Nobody is paged by a line in a log file that is read only when someone already looks. */
    @Override
    public boolean pages() {
      return false;
    }

    @Override
    public void deliver(org.kafkaetl.core.alert.Alert alert) {
      log.send(alert);
    }
  }
}
