package org.kafkaetl.core.config;

import static org.kafkaetl.core.config.AlertConfigDef.ALERT_FIX_CONFIG;
import static org.kafkaetl.core.config.AlertConfigDef.ALERT_FIX_LAUNCHER;
import static org.kafkaetl.core.config.AlertConfigDef.ALERT_REDELIVERY_LOOKBACK;
import static org.kafkaetl.core.config.AlertConfigDef.ALERT_SENDERS;
import static org.kafkaetl.core.config.AlertConfigDef.ALERT_SMS_BODY_FORMAT;
import static org.kafkaetl.core.config.AlertConfigDef.ALERT_SMS_BODY_TEMPLATE;
import static org.kafkaetl.core.config.AlertConfigDef.ALERT_SMS_METHOD;
import static org.kafkaetl.core.config.AlertConfigDef.ALERT_SMS_MIN_SEVERITY;
import static org.kafkaetl.core.config.AlertConfigDef.ALERT_SMS_RECIPIENTS;
import static org.kafkaetl.core.config.AlertConfigDef.ALERT_SMS_TOKEN_SECRET;
import static org.kafkaetl.core.config.AlertConfigDef.ALERT_SMS_URL;
import static org.kafkaetl.core.config.AlertConfigDef.ALERT_SUPPRESSION_WINDOW;
import static org.kafkaetl.core.config.AlertConfigDef.ALERT_WEBHOOK_TOKEN_SECRET;
import static org.kafkaetl.core.config.AlertConfigDef.ALERT_WEBHOOK_URL;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.kafkaetl.core.alert.FixCommands;

/** The alerts.* keys, with the rule that a chosen channel has what it needs. */
final class AlertSettingsParser {
  private final ConfigReader reader;
  private final SecretResolver secrets;

  AlertSettingsParser(ConfigReader reader, SecretResolver secrets) {
    this.reader = reader;
    this.secrets = secrets;
  }

  AlertSettings parse() {
    List<String> senders = Optional.ofNullable(reader.value(ALERT_SENDERS)).orElse(List.of("log"));
    Duration window = reader.value(ALERT_SUPPRESSION_WINDOW);
    Duration lookback = reader.value(ALERT_REDELIVERY_LOOKBACK);
    Optional<AlertSettings.Sms> sms = sms(senders.contains("sms"));
    Optional<AlertSettings.Webhook> webhook = webhook(senders.contains("webhook"));
    FixCommands fix = new FixCommands(reader.value(ALERT_FIX_LAUNCHER), reader.optional(ALERT_FIX_CONFIG));
    return new AlertSettings(senders, window, lookback, sms, webhook, fix);
  }

  private Optional<AlertSettings.Webhook> webhook(boolean wanted) {
    Optional<String> url = reader.optional(ALERT_WEBHOOK_URL);
    if (!wanted) {
      secrets.ignore(ALERT_WEBHOOK_TOKEN_SECRET);
      return Optional.empty();
    }
    Password token = secrets.resolve(ALERT_WEBHOOK_TOKEN_SECRET);
    if (url.isEmpty()) {
      reader.problem(ALERT_WEBHOOK_URL.name(), "is required because alerts.senders includes webhook");
    }
    return url.map(u -> new AlertSettings.Webhook(u, token));
  }

  private Optional<AlertSettings.Sms> sms(boolean wanted) {
    Optional<String> url = reader.optional(ALERT_SMS_URL);
    String method = reader.value(ALERT_SMS_METHOD);
    List<String> recipients = reader.optional(ALERT_SMS_RECIPIENTS).orElse(List.of());
    String template = reader.value(ALERT_SMS_BODY_TEMPLATE);
    AlertSettings.BodyFormat format = reader.value(ALERT_SMS_BODY_FORMAT);
    org.kafkaetl.core.alert.Severity minSeverity = reader.value(ALERT_SMS_MIN_SEVERITY);
    if (!wanted) {
      secrets.ignore(ALERT_SMS_TOKEN_SECRET);
      return Optional.empty();
    }
    Password token = secrets.resolve(ALERT_SMS_TOKEN_SECRET);
    if (url.isEmpty()) {
      reader.problem(ALERT_SMS_URL.name(), "is required because alerts.senders includes sms");
    }
    if (recipients.isEmpty()) {
      reader.problem(ALERT_SMS_RECIPIENTS.name(), "must list at least one recipient because alerts.senders includes sms");
    }
    return url.map(u -> new AlertSettings.Sms(u, method, recipients, template, format, token, minSeverity));
  }
}
