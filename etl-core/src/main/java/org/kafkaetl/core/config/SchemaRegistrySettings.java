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
 */
public record SchemaRegistrySettings(List<URI> urls, Optional<String> user, Password password,
    Duration requestTimeout, Map<String, String> subjects) {

  /** No registry: no topic is avro-confluent. */
  public static final SchemaRegistrySettings NONE = new SchemaRegistrySettings(List.of(), Optional.empty(),
      new Password(""), Duration.ofSeconds(10), Map.of());

  public SchemaRegistrySettings {
    urls = List.copyOf(urls);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    subjects = Collections.unmodifiableMap(new TreeMap<>(subjects));
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
    return out;
  }

  @Override
  public String toString() {
    return "SchemaRegistrySettings[urls=" + urls + ", user=" + user + ", password=" + password
        + ", requestTimeout=" + requestTimeout + ", subjects=" + subjects + "]";
  }
}
