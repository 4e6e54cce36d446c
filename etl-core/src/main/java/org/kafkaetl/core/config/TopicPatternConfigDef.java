package org.kafkaetl.core.config;

import static org.kafkaetl.core.config.Importance.HIGH;
import static org.kafkaetl.core.config.Importance.MEDIUM;

import java.util.List;

/**
 * Topics landed because their name matches a pattern, beside the ones etl.topics lists (as Kafka
 * Connect's topics.regex and Camus's kafka.whitelist.topics / kafka.blacklist.topics select them),
 * and the settings they get. Declared apart from {@link EtlConfigDef}, which lists these keys with its own.
 */
public final class TopicPatternConfigDef {
  /**
   * The topic name the defaults of matched topics are written under: topic.default.format and so on,
   * the same per-topic keys, so they are declared, parsed and documented once.
   */
  public static final String DEFAULTS = "default";

  /**
   * Names a pattern must not select: Kafka's own topics (__consumer_offsets, __transaction_state,
   * KRaft's __cluster_metadata, and the "__" prefix brokers and operators use for theirs) and the
   * "_"-prefixed ones of the Confluent platform, which could not be landed anyway (their directories
   * would be hidden). Patterns are checked against these samples; a selected name that starts with
   * '_' or '.' is also never landed (see {@link TopicPatterns#selects}).
   */
  public static final List<String> INTERNAL_SAMPLES = List.of("__consumer_offsets", "__transaction_state",
      "__cluster_metadata", "__amazon_msk_canary", "__confluent.support.metrics", "__internal", "_schemas",
      "_confluent-command");

  public static final ConfigKey<String> INCLUDE = ConfigKey.optional(
      "etl.topics.include", ConfigType.STRING, HIGH,
      "Java regular expression: every Kafka topic whose whole name matches it (and not etl.topics.exclude) is"
          + " landed beside those etl.topics lists, with the settings topic.default.* (below). Matched against"
          + " Kafka's topic list when each run plans, so a topic created later is picked up by the next run,"
          + " from its earliest offset (as etl.new.partition.start says for any topic never read), with an INFO"
          + " alert. A topic listed in etl.topics keeps its own topic.<name>.* settings even when it matches. A"
          + " pattern that would select Kafka's internal topics (__consumer_offsets, __transaction_state, any"
          + " name starting with __, or the _-prefixed _schemas) is refused: start it with a letter, e.g."
          + " [a-z].*, or exclude them. A matched topic that was landed once stays landed while it matches,"
          + " also when Kafka stops listing it (then alerted as unavailable, like a listed topic); to retire"
          + " it, exclude it. Absent: only the listed topics.")
      .validatedBy(Validator.regex());
  public static final ConfigKey<String> EXCLUDE = ConfigKey.optional(
      "etl.topics.exclude", ConfigType.STRING, MEDIUM,
      "Java regular expression: topics whose whole name matches it are not landed by etl.topics.include, e.g."
          + " .*-(tmp|test) or __.*|_.*. Topics listed in etl.topics are landed whatever it says. Only with"
          + " etl.topics.include.")
      .validatedBy(Validator.regex());

  private static final List<ConfigKey<?>> GLOBAL_KEYS = List.of(INCLUDE, EXCLUDE);

  private TopicPatternConfigDef() {}

  /** The keys set once per file, in documentation order. */
  public static List<ConfigKey<?>> globalKeys() {
    return GLOBAL_KEYS;
  }

  /** What the docs say about topic.default.*. */
  public static String defaultsDoc() {
    return "Topics matched by `etl.topics.include` take their settings from `topic.default.<setting>`,"
        + " the keys below with `default` for `<name>` (`topic.default.format`, `topic.default.schema`,"
        + " `topic.default.split.threshold`, ...; not `hive.*` or `subject`: list a topic in `etl.topics` to"
        + " publish it to Hive or give it its own subject), then from the keys' defaults. A topic listed in"
        + " `etl.topics` takes only its own `topic.<name>.*` settings, even when it also matches: list a matched"
        + " topic to give it settings of its own. An avro-confluent default reads subject `<name>-value`.";
  }
}
