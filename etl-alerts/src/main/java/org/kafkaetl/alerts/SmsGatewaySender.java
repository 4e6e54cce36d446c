package org.kafkaetl.alerts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;
import org.apache.commons.text.StringSubstitutor;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.config.AlertSettings;

/**
 * SMS through an HTTP gateway: one request per recipient, the body rendered from the configured
 * template. The text is short (an SMS is read on a phone): severity, summary, the commands and the
 * cause. Every recipient is tried whatever happened to the others, so one refused or mistyped number
 * cannot keep the page from the rest of the rota.
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

  /**
   * Sends to every recipient.
   *
   * @throws HttpDelivery.DeliveryException when no recipient was reached
   * @throws PartialDeliveryException when some were reached and others not; the message names the
   *     ones not reached by their place in {@code alerts.sms.recipients}
   */
  @Override
  public void deliver(Alert alert) {
    String text = text(alert);
    List<String> recipients = sms.recipients();
    List<String> notReached = new ArrayList<>();
    for (int i = 0; i < recipients.size(); i++) {
      try {
        http.send(sms.method(), sms.url(), contentType(), body(alert, recipients.get(i), text), sms.token());
      } catch (HttpDelivery.DeliveryException e) {
        notReached.add(recipientName(i) + " (" + e.getMessage() + ")");
      }
    }
    if (notReached.isEmpty()) {
      return;
    }
    String which = String.join("; ", notReached);
    if (notReached.size() == recipients.size()) {
      throw new HttpDelivery.DeliveryException("no recipient reached: " + which);
    }
    throw new PartialDeliveryException("reached " + (recipients.size() - notReached.size()) + " of "
        + recipients.size() + " recipients; not reached: " + which);
  }

  /**
   * A recipient by its place in the configured list, not its number: the settings never print the
   * numbers either (only how many there are), and the place is enough to find it in the file.
   */
  private static String recipientName(int index) {
    return "recipient " + (index + 1) + " of alerts.sms.recipients";
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
