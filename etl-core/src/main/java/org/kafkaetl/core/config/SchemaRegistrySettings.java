package org.kafkaetl.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How to reach the schema registry of avro-confluent topics; see {@link SchemaRegistryConfigDef}.
 * Shipped to the map tasks, which fetch writer schemas by id; the password goes with the job's
 * credentials.
 *
 * @param urls base URLs of the Confluent-compatible API, tried in order; empty when no topic needs one
 * @param user basic-auth user; empty: no credentials are sent
 * @param password basic-auth password (never printed)
 * @param requestTimeout longest one request may take
 * @param subjects each avro-confluent topic's subject, defaults filled in
 * @param tls the stores for https URLs
 */
public record SchemaRegistrySettings(List<URI> urls, Optional<String> user, Password password,
    Duration requestTimeout, Map<String, String> subjects, Tls tls) {

  /** No registry: no topic is avro-confluent. */
  public static final SchemaRegistrySettings NONE = new SchemaRegistrySettings(List.of(), Optional.empty(),
      new Password(""), Duration.ofSeconds(10), Map.of());

  public SchemaRegistrySettings {
    urls = List.copyOf(urls);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    subjects = Collections.unmodifiableMap(new TreeMap<>(subjects));
    Objects.requireNonNull(tls, "tls");
  }

  /** Without stores of its own: https trusts what the JVM trusts. */
  public SchemaRegistrySettings(List<URI> urls, Optional<String> user, Password password, Duration requestTimeout,
      Map<String, String> subjects) {
    this(urls, user, password, requestTimeout, subjects, Tls.DEFAULT);
  }

  /**
   * The truststore and client keystore for https, each a path on every host and its password.
   *
   * @param truststore empty: the JVM's default truststore
   * @param keystore empty: no client certificate
   */
  public record Tls(Optional<String> truststore, Password truststorePassword, Optional<String> keystore,
      Password keystorePassword) {
    public static final Tls DEFAULT = new Tls(Optional.empty(), new Password(""), Optional.empty(), new Password(""));

    public Tls {
      Objects.requireNonNull(truststore, "truststore");
      Objects.requireNonNull(truststorePassword, "truststorePassword");
      Objects.requireNonNull(keystore, "keystore");
      Objects.requireNonNull(keystorePassword, "keystorePassword");
    }

    @Override
    public String toString() {
      return "Tls[truststore=" + truststore + ", truststorePassword=" + truststorePassword + ", keystore=" + keystore
          + ", keystorePassword=" + keystorePassword + "]";
    }
  }

  public boolean isConfigured() {
    return !urls.isEmpty();
  }

  /** The subject of an avro-confluent topic. @throws IllegalArgumentException for any other topic */
  public String subject(String topic) {
    String subject = subjects.get(topic);
    if (subject == null) {
      throw new IllegalArgumentException("topic '" + topic + "' is not an avro-confluent topic");
    }
    return subject;
  }

  /** The settings as properties that parse back to equal settings; the password included, for the tasks. */
  Map<String, String> toProperties() {
    Map<String, String> out = new TreeMap<>();
    if (!isConfigured()) {
      return out;
    }
    out.put(SchemaRegistryConfigDef.URLS.name(), SchemaRegistryConfigDef.URLS.type().format(
        urls.stream().map(URI::toString).toList()));
    user.ifPresent(u -> out.put(SchemaRegistryConfigDef.USER.name(), u));
    if (!password.isEmpty()) {
      out.put(SchemaRegistryConfigDef.PASSWORD.name(), password.value());
    }
    out.put(SchemaRegistryConfigDef.REQUEST_TIMEOUT.name(),
        SchemaRegistryConfigDef.REQUEST_TIMEOUT.type().format(requestTimeout));
    subjects.forEach((topic, subject) -> out.put(SchemaRegistryConfigDef.TOPIC_SUBJECT.forTopic(topic).name(), subject));
    tls.truststore().ifPresent(t -> out.put(SchemaRegistryConfigDef.TRUSTSTORE.name(), t));
    if (!tls.truststorePassword().isEmpty()) {
      out.put(SchemaRegistryConfigDef.TRUSTSTORE_PASSWORD.name(), tls.truststorePassword().value());
    }
    tls.keystore().ifPresent(k -> out.put(SchemaRegistryConfigDef.KEYSTORE.name(), k));
    if (!tls.keystorePassword().isEmpty()) {
      out.put(SchemaRegistryConfigDef.KEYSTORE_PASSWORD.name(), tls.keystorePassword().value());
    }
    return out;
  }

  @Override
  public String toString() {
    return "SchemaRegistrySettings[urls=" + urls + ", user=" + user + ", password=" + password
        + ", requestTimeout=" + requestTimeout + ", subjects=" + subjects + ", tls=" + tls + "]";
  }
}
