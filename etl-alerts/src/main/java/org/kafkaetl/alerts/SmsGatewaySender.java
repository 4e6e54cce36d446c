package org.kafkaetl.alerts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;
import org.apache.commons.text.StringSubstitutor;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.config.AlertSettings;

/**
 * SMS through an HTTP gateway: one request per recipient, the body rendered from the configured
 * template. The text is short (an SMS is read on a phone): severity, summary, the commands and the
 * cause.
 */
final class SmsGatewaySender implements Channel {
  static final int MAX_TEXT = 600;
  /** Between two commands of one SMS, in the order they are run. */
  static final String THEN = " ; then ";

  private final AlertSettings.Sms sms;
  private final HttpDelivery http;

  SmsGatewaySender(AlertSettings.Sms sms, HttpDelivery http) {
    this.sms = sms;
    this.http = http;
  }

  @Override
  public String name() {
    return "sms";
  }

  @Override
  public boolean wants(Alert alert) {
    return alert.severity().compareTo(sms.minSeverity()) >= 0;
  }

  @Override
  public void deliver(Alert alert) {
    String text = text(alert);
    for (String recipient : sms.recipients()) {
      http.send(sms.method(), sms.url(), contentType(), body(alert, recipient, text), sms.token());
    }
  }

  /**
   * Severity, summary, every command in the order it is run ({@code fix: A ; then B}), then the first
   * line of the details: the cause, which tells whether the commands can be run as they are (a broker
   * that is back) or something must be fixed first (a decode-error budget). When every command does
   * not fit, the first one and how many more the other channels carry; a text still too long for a
   * phone is cut from the end, so the cause goes before the command does.
   */
  static String text(Alert alert) {
    String cause = alert.details().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
        .map(l -> " | " + l).orElse("");
    String head = "[" + alert.severity() + "] " + alert.summary();
    List<String> commands = alert.fixCommands();
    String every = commands.isEmpty() ? "" : " | fix: " + String.join(THEN, commands);
    if (commands.size() <= 1 || head.length() + every.length() + cause.length() <= MAX_TEXT) {
      return cut(head + every + cause);
    }
    return cut(head + " | fix: " + commands.get(0) + " (+" + (commands.size() - 1) + " more)" + cause);
  }

  private static String cut(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 3) + "...";
  }

  String body(Alert alert, String recipient, String text) {
    Map<String, String> values = Map.of("recipient", recipient, "text", text, "severity", alert.severity().name(),
        "summary", alert.summary());
    Map<String, String> escaped = new java.util.HashMap<>();
    values.forEach((k, v) -> escaped.put(k, escape(v)));
    return new StringSubstitutor(escaped).replace(sms.bodyTemplate());
  }

  private String escape(String value) {
    return sms.bodyFormat() == AlertSettings.BodyFormat.JSON
        ? StringEscapeUtils.escapeJson(value) : URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private String contentType() {
    return sms.bodyFormat() == AlertSettings.BodyFormat.JSON
        ? "application/json" : "application/x-www-form-urlencoded";
  }
}
