package org.kafkaetl.core.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** Reads etl.topics.include / etl.topics.exclude and topic.default.*, refusing patterns that select internal topics. */
final class TopicPatternsParser {
  private final ConfigReader reader;
  private final EventTimeWindow defaultWindow;

  TopicPatternsParser(ConfigReader reader, EventTimeWindow defaultWindow) {
    this.reader = reader;
    this.defaultWindow = defaultWindow;
  }

  /** Null after a problem, which is then reported with the others. */
  TopicPatterns parse() {
    Optional<Pattern> include = reader.optional(TopicPatternConfigDef.INCLUDE).map(Pattern::compile);
    Optional<Pattern> exclude = reader.optional(TopicPatternConfigDef.EXCLUDE).map(Pattern::compile);
    if (!reader.isSet(TopicPatternConfigDef.INCLUDE)) {
      if (reader.isSet(TopicPatternConfigDef.EXCLUDE)) {
        reader.problem(TopicPatternConfigDef.EXCLUDE.name(), "is only for topics selected by "
            + TopicPatternConfigDef.INCLUDE.name() + ", which is not set (topics listed in "
            + EtlConfigDef.TOPICS.name() + " are never excluded)");
      }
      return TopicPatterns.NONE;
    }
    // A parser of its own: the defaults' auto threshold or weight must not be taken for a topic's.
    TopicConfigParser defaultsParser = new TopicConfigParser(reader, defaultWindow);
    Optional<TopicConfig> defaults = defaultsParser.parse(TopicPatternConfigDef.DEFAULTS);
    if (include.isEmpty() || defaults.isEmpty()) {
      return null;
    }
    TopicPatterns patterns = new TopicPatterns(include, exclude, defaults.get(),
        !defaultsParser.autoSplitTopics().isEmpty(), !defaultsParser.configuredWeights().isEmpty());
    if (!patterns.internalTopicsSelected().isEmpty()) {
      reader.problem(TopicPatternConfigDef.INCLUDE.name(), "would select Kafka's internal topics "
          + patterns.internalTopicsSelected() + " (names starting with __ are the brokers' own, such as"
          + " __consumer_offsets and __transaction_state, and names starting with _ cannot be landed); start the"
          + " pattern with a letter or digit, e.g. [a-zA-Z0-9].*, or set " + TopicPatternConfigDef.EXCLUDE.name()
          + " to exclude them, e.g. _.* (got '" + include.get().pattern() + "')");
      return null;
    }
    if (defaults.get().format().schemaFromRegistry() && !reader.isSet(SchemaRegistryConfigDef.URLS)) {
      reader.problem(SchemaRegistryConfigDef.URLS.name(), "is required because "
          + TopicConfigDef.TOPIC_FORMAT.forTopic(TopicPatternConfigDef.DEFAULTS).name() + " is avro-confluent");
    }
    return patterns;
  }
}
