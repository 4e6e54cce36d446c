package org.kafkaetl.core.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One declared setting. Per-topic keys are declared once with the placeholder {@link #TOPIC} in
 * their name and instantiated per topic by {@link #forTopic}.
 *
 * @param defaultValue text parsed like a configured value; empty if the key has no default
 * @param required whether parsing fails when the key is absent (only for keys without default)
 */
public record ConfigKey<T>(
    String name,
    ConfigType<T> type,
    Optional<String> defaultValue,
    boolean required,
    Validator<? super T> validator,
    Importance importance,
    String doc) {

  public static final String TOPIC = "<name>";

  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(importance, "importance");
    Objects.requireNonNull(doc, "doc");
    if (required && defaultValue.isPresent()) {
      throw new IllegalArgumentException(name + ": a required key cannot have a default");
    }
  }

  public static <T> ConfigKey<T> required(String name, ConfigType<T> type, Importance importance, String doc) {
    return new ConfigKey<>(name, type, Optional.empty(), true, Validator.any(), importance, doc);
  }

  public static <T> ConfigKey<T> optional(String name, ConfigType<T> type, Importance importance, String doc) {
    return new ConfigKey<>(name, type, Optional.empty(), false, Validator.any(), importance, doc);
  }

  public static <T> ConfigKey<T> withDefault(
      String name, ConfigType<T> type, String defaultValue, Importance importance, String doc) {
    return new ConfigKey<>(name, type, Optional.of(defaultValue), false, Validator.any(), importance, doc);
  }

  public ConfigKey<T> validatedBy(Validator<? super T> rule) {
    return new ConfigKey<>(name, type, defaultValue, required, rule, importance, doc);
  }

  /** This per-topic key as it is spelled for one topic. */
  public ConfigKey<T> forTopic(String topic) {
    return new ConfigKey<>(name.replace(TOPIC, topic), type, defaultValue, required, validator, importance, doc);
  }

  public boolean isSecret() {
    return type == ConfigType.PASSWORD || Secrets.isSecretKey(name);
  }
}
