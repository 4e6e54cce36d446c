package org.kafkaetl.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.config.AlertSettings;

/** Every alert as a JSON document POSTed to a webhook (chat bridges, incident tools). */
final class WebhookSender implements Channel {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AlertSettings.Webhook webhook;
  private final HttpDelivery http;

  WebhookSender(AlertSettings.Webhook webhook, HttpDelivery http) {
    this.webhook = webhook;
    this.http = http;
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public void deliver(Alert alert) {
    http.send("POST", webhook.url(), "application/json", json(alert), webhook.token());
  }

  static String json(Alert alert) {
    ObjectNode n = JSON.createObjectNode();
    n.put("severity", alert.severity().name());
    n.put("key", alert.key());
    n.put("summary", alert.summary());
    n.put("details", alert.details());
    alert.fixCommands().forEach(n.putArray("fixCommands")::add);
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
