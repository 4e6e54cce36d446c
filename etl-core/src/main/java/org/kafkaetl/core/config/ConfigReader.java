package org.kafkaetl.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads typed values from raw properties without stopping at the first problem: each bad key is
 * recorded and reading goes on, so the final {@link ConfigException} lists everything. Remembers
 * which keys were read so the rest can be reported as unknown.
 */
final class ConfigReader {
  private final Map<String, String> props;
  private final Set<String> read = new HashSet<>();
  private final List<String> problems = new ArrayList<>();

  ConfigReader(Map<String, String> props) {
    this.props = Map.copyOf(props);
  }

  /** The configured or default value; empty if absent without default, or if it was bad. */
  <T> Optional<T> optional(ConfigKey<T> key) {
    Optional<String> text = text(key);
    if (text.isEmpty()) {
      return defaultOf(key);
    }
    return parse(key, text.get());
  }

  /** For keys that are required or have a default: null only after a problem was recorded. */
  <T> T value(ConfigKey<T> key) {
    return optional(key).orElse(null);
  }

  /** Whether the key is set; marks it read so it is not also reported as unknown. */
  boolean isSet(ConfigKey<?> key) {
    return text(key).isPresent();
  }

  void problem(String key, String reason) {
    problems.add(key + ": " + reason);
  }

  int problemCount() {
    return problems.size();
  }

  Set<String> keys() {
    return props.keySet();
  }

  String raw(String key) {
    return props.get(key);
  }

  boolean wasRead(String key) {
    return read.contains(key);
  }

  void throwIfProblems() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /** Blank counts as absent, except for passwords, where empty is a legitimate value. */
  private Optional<String> text(ConfigKey<?> key) {
    read.add(key.name());
    String raw = props.get(key.name());
    if (raw == null || (raw.isBlank() && key.type() != ConfigType.PASSWORD)) {
      return Optional.empty();
    }
    return Optional.of(raw);
  }

  private <T> Optional<T> defaultOf(ConfigKey<T> key) {
    if (key.required()) {
      problem(key.name(), "is required");
    }
    return key.defaultValue().map(key.type()::parse);
  }

  private <T> Optional<T> parse(ConfigKey<T> key, String text) {
    try {
      T value = key.type().parse(text);
      Optional<String> invalid = key.validator().check(value);
      invalid.ifPresent(reason -> problem(key, text, reason));
      return invalid.isPresent() ? Optional.empty() : Optional.of(value);
    } catch (IllegalArgumentException e) {
      problem(key, text, e.getMessage());
      return Optional.empty();
    }
  }

  private void problem(ConfigKey<?> key, String text, String reason) {
    String shown = key.isSecret() ? Password.HIDDEN : Secrets.display(key.name(), text.trim());
    problem(key.name(), reason + " (got '" + shown + "')");
  }
}
