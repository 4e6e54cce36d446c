package org.kafkaetl.core.config;

import static org.kafkaetl.core.config.EtlConfigDef.KAFKA_PREFIX;
import static org.kafkaetl.core.config.EtlConfigDef.TOPIC_PREFIX;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reports keys nobody read. A misspelt key would otherwise silently leave its default in force,
 * which is the hardest kind of configuration mistake to notice.
 */
final class UnknownKeys {
  private static final int MAX_TYPO_DISTANCE = 3;
  private final ConfigReader reader;
  private final List<String> topics;

  UnknownKeys(ConfigReader reader, List<String> topics) {
    this.reader = reader;
    this.topics = topics;
  }

  void report() {
    reader.keys().stream()
        .filter(k -> !reader.wasRead(k) && !isKafkaPassThrough(k))
        .sorted()
        .forEach(k -> reader.problem(k, reason(k)));
  }

  private static boolean isKafkaPassThrough(String key) {
    return key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length();
  }

  private String reason(String key) {
    if (key.startsWith(TOPIC_PREFIX)) {
      return topicKeyReason(key);
    }
    return "unknown key" + suggestion(key, EtlConfigDef.globalKeys().stream().map(ConfigKey::name))
        + "; Kafka consumer settings take the prefix " + KAFKA_PREFIX;
  }

  /** Tells a topic missing from etl.topics apart from a misspelt per-topic setting. */
  private String topicKeyReason(String key) {
    Optional<ConfigKey<?>> setting = EtlConfigDef.topicKeys().stream()
        .filter(k -> hasTopicAndSuffix(key, TopicConfigDef.topicSuffix(k)))
        .findFirst();
    if (setting.isPresent()) {
      String suffix = TopicConfigDef.topicSuffix(setting.get());
      String topic = key.substring(TOPIC_PREFIX.length(), key.length() - suffix.length() - 1);
      if (topic.equals(TopicPatternConfigDef.DEFAULTS)) {
        return reader.isSet(TopicPatternConfigDef.INCLUDE)
            ? "topics matched by " + TopicPatternConfigDef.INCLUDE.name() + " cannot share this setting; list the"
                + " topic in " + EtlConfigDef.TOPICS.name() + " and give it topic.<name>." + suffix
            : "is a default of topics matched by " + TopicPatternConfigDef.INCLUDE.name() + ", which is not set";
      }
      return "topic '" + topic + "' is not listed in " + EtlConfigDef.TOPICS.name();
    }
    // topic.default.* is spelled like a topic's keys, so its typos are found among them too.
    Stream<String> named = reader.isSet(TopicPatternConfigDef.INCLUDE)
        ? Stream.concat(topics.stream(), Stream.of(TopicPatternConfigDef.DEFAULTS)) : topics.stream();
    Stream<String> known = named
        .flatMap(t -> EtlConfigDef.topicKeys().stream().map(k -> k.forTopic(t).name()));
    return "unknown per-topic setting" + suggestion(key, known);
  }

  private static boolean hasTopicAndSuffix(String key, String suffix) {
    return key.endsWith("." + suffix) && key.length() > TOPIC_PREFIX.length() + suffix.length() + 1;
  }

  private static String suggestion(String key, Stream<String> known) {
    return known
        .filter(k -> distance(k, key) <= MAX_TYPO_DISTANCE)
        .min(Comparator.comparingInt(k -> distance(k, key)))
        .map(k -> " (did you mean " + k + "?)")
        .orElse("");
  }

  /** Levenshtein distance; keys are short, so the quadratic table is cheap. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] current = new int[b.length() + 1];
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      previous = current;
    }
    return previous[b.length()];
  }
}
