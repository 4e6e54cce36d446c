package org.kafkaetl.core.config;

import static org.kafkaetl.core.config.Importance.HIGH;
import static org.kafkaetl.core.config.Importance.LOW;
import static org.kafkaetl.core.config.Importance.MEDIUM;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The settings of topics written with a schema registry (format avro-confluent): where the registry
 * is, how to log in to it, and which subject holds a topic's reader schema. Declared apart from
 * {@link EtlConfigDef}, which lists these keys with its own.
 */
public final class SchemaRegistryConfigDef {
  /** Confluent's TopicNameStrategy: the value schemas of topic T are registered under "T-value". */
  public static final String VALUE_SUBJECT_SUFFIX = "-value";

  public static final ConfigKey<List<String>> URLS = ConfigKey.optional(
      "schema.registry.url", ConfigType.LIST, HIGH,
      "Comma-separated base URLs of the schema registry's Confluent-compatible REST API, e.g."
          + " http://registry:8081 (Confluent, Karapace) or http://registry:8080/apis/ccompat/v7 (Apicurio);"
          + " tried in order until one answers. Required when a topic's format is avro-confluent. Credentials"
          + " do not belong in the URL: use schema.registry.basic.auth.user and its password.")
      .validatedBy(SchemaRegistryConfigDef::httpUrls);
  public static final ConfigKey<String> USER = ConfigKey.optional(
      "schema.registry.basic.auth.user", ConfigType.STRING, MEDIUM,
      "User for HTTP basic authentication at the registry. Absent: requests carry no credentials.")
      .validatedBy(Validator.notBlank());
  public static final ConfigKey<Password> PASSWORD = ConfigKey.withDefault(
      "schema.registry.basic.auth.password", ConfigType.PASSWORD, "", HIGH,
      "Password of schema.registry.basic.auth.user. Never printed or logged; shipped to the map tasks in"
          + " the job's credentials, never in job.xml. Better kept out of this file: see Secrets below.");
  public static final ConfigKey<String> PASSWORD_FILE = ConfigKey.optional(
      "schema.registry.basic.auth.password.file", ConfigType.STRING, MEDIUM,
      SecretSetting.fileDoc("schema registry password", "schema.registry.basic.auth.password"));
  public static final ConfigKey<Duration> REQUEST_TIMEOUT = ConfigKey.withDefault(
      "schema.registry.request.timeout", ConfigType.DURATION, "10s", LOW,
      "Longest one request to the registry (connecting included) may take before the next URL is tried. A"
          + " registry that does not answer, or answers with a server error, stops the range at the message"
          + " that needed it: the range is INCOMPLETE, retried by the next runs, and no message of it goes to"
          + " the error file for that.")
      .validatedBy(Validator.positiveDuration());

  public static final ConfigKey<String> TRUSTSTORE = ConfigKey.optional(
      "schema.registry.ssl.truststore.location", ConfigType.STRING, MEDIUM,
      "Truststore (PKCS12 or JKS, told apart by its content) holding the certificates that https registry"
          + " URLs must be signed by. Absent: the JVM's default truststore. The same path must exist on the"
          + " submitting host and on every NodeManager host, since the map tasks fetch schemas too.")
      .validatedBy(Validator.notBlank());
  public static final ConfigKey<Password> TRUSTSTORE_PASSWORD = ConfigKey.withDefault(
      "schema.registry.ssl.truststore.password", ConfigType.PASSWORD, "", MEDIUM,
      "Password of the truststore, if it has one. A secret like the basic-auth password: see Secrets below.");
  public static final ConfigKey<String> TRUSTSTORE_PASSWORD_FILE = ConfigKey.optional(
      "schema.registry.ssl.truststore.password.file", ConfigType.STRING, LOW,
      SecretSetting.fileDoc("registry truststore password", "schema.registry.ssl.truststore.password"));
  public static final ConfigKey<String> KEYSTORE = ConfigKey.optional(
      "schema.registry.ssl.keystore.location", ConfigType.STRING, MEDIUM,
      "Keystore (PKCS12 or JKS) with the client certificate and its key, for a registry that asks clients"
          + " for one (mutual TLS); the key's password is the keystore's. On every host, like the truststore.")
      .validatedBy(Validator.notBlank());
  public static final ConfigKey<Password> KEYSTORE_PASSWORD = ConfigKey.withDefault(
      "schema.registry.ssl.keystore.password", ConfigType.PASSWORD, "", MEDIUM,
      "Password of the keystore and of the key in it. A secret like the basic-auth password: see Secrets below.");
  public static final ConfigKey<String> KEYSTORE_PASSWORD_FILE = ConfigKey.optional(
      "schema.registry.ssl.keystore.password.file", ConfigType.STRING, LOW,
      SecretSetting.fileDoc("registry keystore password", "schema.registry.ssl.keystore.password"));

  public static final ConfigKey<String> TOPIC_SUBJECT = ConfigKey.optional(
      EtlConfigDef.TOPIC_PREFIX + ConfigKey.TOPIC + ".subject", ConfigType.STRING, MEDIUM,
      "Registry subject whose latest version, as it is when a run starts, is the reader schema of an"
          + " avro-confluent topic without topic.<name>.schema: every message is resolved to it, so all files"
          + " of one run have one schema. Absent: <name>-value (Confluent's default TopicNameStrategy). Not"
          + " allowed for other formats.")
      .validatedBy(Validator.notBlank());

  public static final SecretSetting PASSWORD_SECRET =
      new SecretSetting(PASSWORD, PASSWORD_FILE, "KAFKA_ETL_SCHEMA_REGISTRY_PASSWORD");
  public static final SecretSetting TRUSTSTORE_SECRET = new SecretSetting(TRUSTSTORE_PASSWORD, TRUSTSTORE_PASSWORD_FILE,
      "KAFKA_ETL_SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD");
  public static final SecretSetting KEYSTORE_SECRET = new SecretSetting(KEYSTORE_PASSWORD, KEYSTORE_PASSWORD_FILE,
      "KAFKA_ETL_SCHEMA_REGISTRY_KEYSTORE_PASSWORD");

  private static final List<ConfigKey<?>> GLOBAL_KEYS = List.of(URLS, USER, PASSWORD, PASSWORD_FILE, REQUEST_TIMEOUT,
      TRUSTSTORE, TRUSTSTORE_PASSWORD, TRUSTSTORE_PASSWORD_FILE, KEYSTORE, KEYSTORE_PASSWORD, KEYSTORE_PASSWORD_FILE);
  private static final List<ConfigKey<?>> TOPIC_KEYS = List.of(TOPIC_SUBJECT);
  private static final List<SecretSetting> SECRETS = List.of(PASSWORD_SECRET, TRUSTSTORE_SECRET, KEYSTORE_SECRET);

  private SchemaRegistryConfigDef() {}

  /** Keys set once per file, in documentation order. */
  public static List<ConfigKey<?>> globalKeys() {
    return GLOBAL_KEYS;
  }

  /** Keys set per topic, named with the {@link ConfigKey#TOPIC} placeholder. */
  public static List<ConfigKey<?>> topicKeys() {
    return TOPIC_KEYS;
  }

  public static List<SecretSetting> secrets() {
    return SECRETS;
  }

  private static Optional<String> httpUrls(List<String> urls) {
    for (String url : urls) {
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        return Optional.of("'" + Secrets.display(URLS.name() + ".value", url) + "' is not a URL");
      }
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        return Optional.of("each URL must be http://host[:port][/path] or https://..., got '"
            + Secrets.display(URLS.name() + ".value", url) + "'");
      }
      if (uri.getUserInfo() != null) {
        return Optional.of("must not hold credentials; use " + USER.name() + " and " + PASSWORD.name());
      }
    }
    return Optional.empty();
  }
}
