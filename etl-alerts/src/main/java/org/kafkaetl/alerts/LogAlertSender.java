package org.kafkaetl.alerts;

import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.AlertSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes alerts to the log: the default, and what every other sender falls back to. */
public final class LogAlertSender implements AlertSender {
  private static final Logger LOG = LoggerFactory.getLogger("kafka-etl.alerts");

  @Override
  public void send(Alert alert) {
    String text = AlertText.render(alert);
    switch (alert.severity()) {
      case CRITICAL -> LOG.error(text);
      case WARNING -> LOG.warn(text);
      default -> LOG.info(text);
    }
  }
}
