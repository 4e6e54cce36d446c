package org.kafkaetl.core.config;

import static org.kafkaetl.core.config.SchemaRegistryConfigDef.KEYSTORE;
import static org.kafkaetl.core.config.SchemaRegistryConfigDef.KEYSTORE_SECRET;
import static org.kafkaetl.core.config.SchemaRegistryConfigDef.PASSWORD;
import static org.kafkaetl.core.config.SchemaRegistryConfigDef.PASSWORD_SECRET;
import static org.kafkaetl.core.config.SchemaRegistryConfigDef.REQUEST_TIMEOUT;
import static org.kafkaetl.core.config.SchemaRegistryConfigDef.TOPIC_SUBJECT;
import static org.kafkaetl.core.config.SchemaRegistryConfigDef.TRUSTSTORE;
import static org.kafkaetl.core.config.SchemaRegistryConfigDef.TRUSTSTORE_SECRET;
import static org.kafkaetl.core.config.SchemaRegistryConfigDef.URLS;
import static org.kafkaetl.core.config.SchemaRegistryConfigDef.USER;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads the schema.registry.* keys and each topic's subject, with the rules that tie them to the topics' formats. */
final class SchemaRegistrySettingsParser {
  private final ConfigReader reader;
  private final SecretResolver secrets;

  SchemaRegistrySettingsParser(ConfigReader reader, SecretResolver secrets) {
    this.reader = reader;
    this.secrets = secrets;
  }

  /**
   * @param topicNames every configured topic, so a subject key of a topic whose keys were bad is still read
   * @param topics the topics that parsed
   * @return null after a problem, which is then reported with the others
   */
  SchemaRegistrySettings parse(List<String> topicNames, List<TopicConfig> topics) {
    List<String> urls = reader.optional(URLS).orElse(List.of());
    Optional<String> user = reader.optional(USER);
    Duration timeout = reader.value(REQUEST_TIMEOUT);
    Password password = password(user);
    Map<String, String> subjects = new TreeMap<>();
    for (String name : topicNames) {
      Optional<String> subject = reader.optional(TOPIC_SUBJECT.forTopic(name));
      Optional<TopicConfig> topic = topics.stream().filter(t -> t.name().equals(name)).findFirst();
      boolean registryTopic = topic.filter(t -> t.format().schemaFromRegistry()).isPresent();
      if (registryTopic) {
        subjects.put(name, subject.orElse(name + SchemaRegistryConfigDef.VALUE_SUBJECT_SUFFIX));
      } else if (subject.isPresent() && topic.isPresent()) {
        reader.problem(TOPIC_SUBJECT.forTopic(name).name(), "is only for format avro-confluent");
      }
    }
    if (!subjects.isEmpty() && !reader.isSet(URLS)) {
      reader.problem(URLS.name(), "is required because topics " + subjects.keySet() + " have format avro-confluent");
    }
    SchemaRegistrySettings.Tls tls = tls();
    if (password == null || timeout == null || tls == null) {
      return null;
    }
    return new SchemaRegistrySettings(urls.stream().map(URI::create).toList(), user, password, timeout, subjects, tls);
  }

  /** A store's password is looked up only when the store is named. */
  private SchemaRegistrySettings.Tls tls() {
    Optional<String> truststore = reader.optional(TRUSTSTORE);
    Optional<String> keystore = reader.optional(KEYSTORE);
    Password truststorePassword = storePassword(truststore, TRUSTSTORE_SECRET, TRUSTSTORE.name());
    Password keystorePassword = storePassword(keystore, KEYSTORE_SECRET, KEYSTORE.name());
    if (truststorePassword == null || keystorePassword == null) {
      return null;
    }
    return new SchemaRegistrySettings.Tls(truststore, truststorePassword, keystore, keystorePassword);
  }

  private Password storePassword(Optional<String> store, SecretSetting secret, String storeKey) {
    if (store.isPresent()) {
      return secrets.resolve(secret);
    }
    if (reader.isSet(secret.key()) || reader.isSet(secret.fileKey())) {
      reader.problem(secret.key().name(), "is set but " + storeKey + " is not");
    }
    secrets.ignore(secret);
    return new Password("");
  }

  /** Looked up only with a user: without one no credentials are sent, so no store is asked for them. */
  private Password password(Optional<String> user) {
    if (user.isPresent()) {
      return secrets.resolve(PASSWORD_SECRET);
    }
    if (reader.isSet(PASSWORD) || reader.isSet(PASSWORD_SECRET.fileKey())) {
      reader.problem(PASSWORD.name(), "is set but " + USER.name() + " is not; set both or neither");
    }
    secrets.ignore(PASSWORD_SECRET);
    return new Password("");
  }
}
