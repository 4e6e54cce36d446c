package org.kafkaetl.core.config;

import static org.kafkaetl.core.config.Importance.HIGH;
import static org.kafkaetl.core.config.Importance.LOW;
import static org.kafkaetl.core.config.Importance.MEDIUM;

import java.time.Duration;
import java.util.List;

/**
 * Where alerts go and how they are sent (alerts.*). Declared apart from {@link EtlConfigDef}, which
 * lists these keys with its own.
 */
public final class AlertConfigDef {
  public static final ConfigKey<List<String>> ALERT_SENDERS = ConfigKey.withDefault(
      "alerts.senders", ConfigType.LIST, "log", HIGH,
      "Where alerts go, comma-separated: log, sms (an HTTP SMS gateway) and webhook (JSON POST)."
          + " Every alert is also stored in the etl_alerts table.")
      .validatedBy(list -> list.stream().filter(s -> !List.of("log", "sms", "webhook").contains(s)).findFirst()
          .map(s -> "unknown sender '" + s + "'; use log, sms or webhook"));
  public static final ConfigKey<Duration> ALERT_SUPPRESSION_WINDOW = ConfigKey.withDefault(
      "alerts.suppression.window", ConfigType.DURATION, "1h", MEDIUM,
      "An alert with the same key (same incident: topic and hour, merge of a day...) as one sent this"
          + " recently is stored but not sent again. Sent: sms or webhook delivered it (to at least one"
          + " recipient), or neither wants it and the log carried it; a page they all failed to deliver does"
          + " not count, so its next raise goes out again.")
      .validatedBy(Validator.positiveDuration());
  /** A page about something older than a week tells the on-call nothing they can still act on in time. */
  private static final Duration LONGEST_REDELIVERY_LOOKBACK = Duration.ofDays(7);
  public static final ConfigKey<Duration> ALERT_REDELIVERY_LOOKBACK = ConfigKey.withDefault(
      "alerts.redelivery.lookback", ConfigType.DURATION, "24h", MEDIUM,
      "A page no sms or webhook delivered (the gateway down) is sent again, marked as a delayed page"
          + " with the time it was first raised, by each later command that can alert (run, rerun, merge,"
          + " register, cleanup) until one delivers it, it is resolved or its key is sent again; this long after"
          + " it was first raised it is given up. 0 turns redelivery off. At most 7d.")
      .validatedBy(d -> d.isNegative() || d.compareTo(LONGEST_REDELIVERY_LOOKBACK) > 0
          ? java.util.Optional.of("must be between 0 (no redelivery) and 7d") : java.util.Optional.empty());
  public static final ConfigKey<String> ALERT_FIX_LAUNCHER = ConfigKey.withDefault(
      "alerts.fix.launcher", ConfigType.STRING, org.kafkaetl.core.alert.FixCommands.DEFAULT_LAUNCHER, MEDIUM,
      "How operators start the tool on this cluster; the commands in alerts and in status start with it,"
          + " e.g. 'hadoop jar /opt/kafka-etl/kafka-etl-job.jar'.")
      .validatedBy(Validator.notBlank());
  public static final ConfigKey<String> ALERT_FIX_CONFIG = ConfigKey.optional(
      "alerts.fix.config", ConfigType.STRING, MEDIUM,
      "Configuration file the commands in alerts pass with --config. Default: the file the tool was"
          + " started with (set it when that is a copy, e.g. in an Oozie container).");
  public static final ConfigKey<String> ALERT_SMS_URL = ConfigKey.optional(
      "alerts.sms.url", ConfigType.STRING, MEDIUM, "SMS gateway URL; required when alerts.senders has sms.")
      .validatedBy(Validator.startsWithAny("http://", "https://"));
  public static final ConfigKey<String> ALERT_SMS_METHOD = ConfigKey.withDefault(
      "alerts.sms.method", ConfigType.STRING, "POST", LOW, "HTTP method of the gateway request (POST or PUT).")
      .validatedBy(m -> List.of("POST", "PUT").contains(m) ? java.util.Optional.empty()
          : java.util.Optional.of("must be POST or PUT"));
  public static final ConfigKey<List<String>> ALERT_SMS_RECIPIENTS = ConfigKey.optional(
      "alerts.sms.recipients", ConfigType.LIST, MEDIUM,
      "Phone numbers (or gateway recipient ids), comma-separated; one request each.");
  public static final ConfigKey<String> ALERT_SMS_BODY_TEMPLATE = ConfigKey.withDefault(
      "alerts.sms.body.template", ConfigType.STRING, "{\"to\":\"${recipient}\",\"message\":\"${text}\"}", LOW,
      "Request body; placeholders ${recipient}, ${text} (summary and fix command), ${severity}, ${summary},"
          + " escaped for alerts.sms.body.format.");
  public static final ConfigKey<AlertSettings.BodyFormat> ALERT_SMS_BODY_FORMAT = ConfigKey.withDefault(
      "alerts.sms.body.format", ConfigType.enumOf(AlertSettings.BodyFormat.class), "json", LOW,
      "json: values JSON-escaped, Content-Type application/json; form: URL-encoded, form content type.");
  public static final ConfigKey<Password> ALERT_SMS_TOKEN = ConfigKey.withDefault(
      "alerts.sms.token", ConfigType.PASSWORD, "", MEDIUM,
      "Bearer token for the gateway (Authorization header); empty for none. Never printed or logged."
          + " Better kept out of this file: see Secrets below.");
  public static final ConfigKey<String> ALERT_SMS_TOKEN_FILE = ConfigKey.optional(
      "alerts.sms.token.file", ConfigType.STRING, MEDIUM,
      SecretSetting.fileDoc("SMS gateway token", "alerts.sms.token"));
  public static final ConfigKey<org.kafkaetl.core.alert.Severity> ALERT_SMS_MIN_SEVERITY = ConfigKey.withDefault(
      "alerts.sms.min.severity", ConfigType.enumOf(org.kafkaetl.core.alert.Severity.class), "critical", MEDIUM,
      "Only alerts at least this severe are sent by SMS (info, warning, critical).");
  public static final ConfigKey<String> ALERT_WEBHOOK_URL = ConfigKey.optional(
      "alerts.webhook.url", ConfigType.STRING, MEDIUM,
      "URL receiving every alert as a JSON POST; required when alerts.senders has webhook.")
      .validatedBy(Validator.startsWithAny("http://", "https://"));
  public static final ConfigKey<Password> ALERT_WEBHOOK_TOKEN = ConfigKey.withDefault(
      "alerts.webhook.token", ConfigType.PASSWORD, "", MEDIUM,
      "Bearer token for the webhook; empty for none. Never printed or logged. Better kept out of this"
          + " file: see Secrets below.");
  public static final ConfigKey<String> ALERT_WEBHOOK_TOKEN_FILE = ConfigKey.optional(
      "alerts.webhook.token.file", ConfigType.STRING, MEDIUM,
      SecretSetting.fileDoc("webhook token", "alerts.webhook.token"));

  public static final SecretSetting ALERT_SMS_TOKEN_SECRET =
      new SecretSetting(ALERT_SMS_TOKEN, ALERT_SMS_TOKEN_FILE, "KAFKA_ETL_SMS_TOKEN");
  public static final SecretSetting ALERT_WEBHOOK_TOKEN_SECRET =
      new SecretSetting(ALERT_WEBHOOK_TOKEN, ALERT_WEBHOOK_TOKEN_FILE, "KAFKA_ETL_WEBHOOK_TOKEN");

  private static final List<ConfigKey<?>> GLOBAL_KEYS = List.of(
      ALERT_SENDERS, ALERT_SUPPRESSION_WINDOW, ALERT_REDELIVERY_LOOKBACK, ALERT_FIX_LAUNCHER, ALERT_FIX_CONFIG,
      ALERT_SMS_URL, ALERT_SMS_METHOD, ALERT_SMS_RECIPIENTS, ALERT_SMS_BODY_TEMPLATE, ALERT_SMS_BODY_FORMAT,
      ALERT_SMS_TOKEN, ALERT_SMS_TOKEN_FILE, ALERT_SMS_MIN_SEVERITY, ALERT_WEBHOOK_URL, ALERT_WEBHOOK_TOKEN, ALERT_WEBHOOK_TOKEN_FILE);
  private static final List<SecretSetting> SECRETS = List.of(ALERT_SMS_TOKEN_SECRET, ALERT_WEBHOOK_TOKEN_SECRET);

  private AlertConfigDef() {}

  /** The keys set once per file, in documentation order. */
  public static List<ConfigKey<?>> globalKeys() {
    return GLOBAL_KEYS;
  }

  /** The alert channels' secrets that may come from outside the configuration file, and from where. */
  public static List<SecretSetting> secrets() {
    return SECRETS;
  }
}
