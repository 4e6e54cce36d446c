package org.kafkaetl.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kafkaetl.core.config.EtlConfigTest.problems;
import static org.kafkaetl.core.config.EtlConfigTest.with;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TopicPatternsConfigTest {

  @Test
  void aPatternThatWouldSelectKafkasInternalTopicsIsRefused() {
    assertThat(problems(with("etl.topics.include", ".*"))).singleElement().asString()
        .startsWith("etl.topics.include: would select Kafka's internal topics [__consumer_offsets,"
            + " __transaction_state, __cluster_metadata")
        .contains("exclude them", "(got '.*')");
    assertThat(problems(with("etl.topics.include", "__.*"))).singleElement().asString()
        .startsWith("etl.topics.include: would select Kafka's internal topics [__consumer_offsets");
    // Excluded, the same pattern is fine; and one starting with a letter never meets them.
    assertThat(EtlConfig.parse(with("etl.topics.include", ".*", "etl.topics.exclude", "_.*")).topicPatterns()
        .configured()).isTrue();
    assertThat(EtlConfig.parse(with("etl.topics.include", "[a-z].*")).topicPatterns().selects("orders")).isTrue();
  }

  @Test
  void includeSelectsWholeNamesAndExcludeWins() {
    TopicPatterns p = EtlConfig.parse(with("etl.topics.include", "orders\\..*|payments",
        "etl.topics.exclude", ".*\\.tmp")).topicPatterns();
    assertThat(p.selects("orders.eu")).isTrue();
    assertThat(p.selects("payments")).isTrue();
    assertThat(p.selects("payments-v2")).as("the whole name must match").isFalse();
    assertThat(p.selects("orders.tmp")).isFalse();
    assertThat(p.selects("clicks")).isFalse();
    // A name no pattern may select even when one slipped through the samples: it could not be landed.
    TopicPatterns loose = EtlConfig.parse(with("etl.topics.include", "(_x|[a-z]).*")).topicPatterns();
    assertThat(loose.selects("_xy")).isFalse();
  }

  @Test
  void matchedTopicsTakeTheDefaultsAndListedTopicsKeepTheirOwnSettings() {
    EtlConfig c = EtlConfig.parse(with(
        "etl.topics", "orders.special",
        "topic.orders.special.split.threshold", "7",
        "etl.topics.include", "orders\\..*",
        "topic.default.format", "json",
        "topic.default.schema", "schemas/orders.avsc",
        "topic.default.timestamp.field", "ts",
        "topic.default.split.threshold", "500",
        "topic.default.max.decode.errors", "3"));
    TopicConfig matched = c.topic("orders.eu").orElseThrow();
    assertThat(matched.name()).isEqualTo("orders.eu");
    assertThat(matched.format()).isEqualTo(MessageFormat.JSON);
    assertThat(matched.schemaFile()).contains("schemas/orders.avsc");
    assertThat(matched.splitThreshold()).isEqualTo(OptionalLong.of(500));
    assertThat(matched.maxDecodeErrors()).isEqualTo(3);
    TopicConfig listed = c.topic("orders.special").orElseThrow();
    assertThat(listed.format()).as("a listed topic takes no default").isEqualTo(MessageFormat.RAW);
    assertThat(listed.splitThreshold()).isEqualTo(OptionalLong.of(7));
    assertThat(c.topic("clicks")).as("neither listed nor matched").isEmpty();
    assertThat(c.topicNames()).containsExactly("orders.special");
  }

  @Test
  void withoutAnyDefaultsAMatchedTopicHasTheKeysDefaults() {
    EtlConfig c = EtlConfig.parse(with("etl.topics", null, "etl.topics.include", "[a-z].*"));
    assertThat(c.topics()).isEmpty();
    assertThat(c.topic("orders").orElseThrow()).isEqualTo(new TopicConfig("orders", MessageFormat.RAW,
        java.util.Optional.empty(), java.util.Optional.empty(), OptionalLong.empty(), 1.0, 100));
  }

  @Test
  void badPatternsAndDefaultsAreNamedByTheirKeys() {
    assertThat(problems(with("etl.topics.include", "orders(")))
        .singleElement().asString().startsWith("etl.topics.include: is not a regular expression: Unclosed group");
    assertThat(problems(with("etl.topics.exclude", "x.*")))
        .containsExactly("etl.topics.exclude: is only for topics selected by etl.topics.include, which is not set"
            + " (topics listed in etl.topics are never excluded)");
    assertThat(problems(with("topic.default.format", "json")))
        .containsExactly("topic.default.format: is a default of topics matched by etl.topics.include, which is not set");
    assertThat(problems(with("etl.topics.include", "[a-z].*", "topic.default.format", "json")))
        .containsExactly("topic.default.schema: is required because topic.default.format is json");
    assertThat(problems(with("etl.topics.include", "[a-z].*", "topic.default.hive.table", "db.t")))
        .singleElement().asString().startsWith("topic.default.hive.table: topics matched by etl.topics.include cannot"
            + " share this setting");
    assertThat(problems(with("etl.topics.include", "[a-z].*", "topic.default.fromat", "json")))
        .containsExactly("topic.default.fromat: unknown per-topic setting (did you mean topic.default.format?)");
    assertThat(problems(with("etl.topics.include", "[a-z].*", "topic.default.format", "avro-confluent")))
        .containsExactly("schema.registry.url: is required because topic.default.format is avro-confluent");
  }

  @Test
  void aResolvedConfigurationTravelsToTheTasksAsItIs() {
    EtlConfig c = EtlConfig.parse(with("etl.topics.include", "orders\\..*", "etl.topics.exclude", "orders\\.tmp",
        "topic.default.split.threshold", "auto", "etl.target.run.time", "10m", "topic.default.format.weight", "2"));
    EtlConfig resolved = c.withMatchedTopics(List.of("orders.eu", "orders.tmp", "clicks", "other"));
    assertThat(resolved.topicNames()).containsExactly("clicks", "orders.eu");
    assertThat(resolved.sizing().autoSplitTopics()).containsExactly("orders.eu");
    assertThat(resolved.sizing().configuredWeights()).containsExactly("orders.eu");
    assertThat(EtlConfig.parse(resolved.toProperties())).isEqualTo(resolved);
    assertThat(EtlConfig.parse(c.toProperties())).isEqualTo(c);
  }

  @Test
  void implausibleEventTimesHaveAFloorAndASkew() {
    EtlConfig c = EtlConfig.parse(EtlConfigTest.minimal());
    assertThat(c.plausibleEventTimes()).isEqualTo(PlausibleEventTimes.DEFAULT);
    assertThat(EtlConfig.parse(with("etl.event.time.min", "2015-06-01", "etl.event.time.max.skew", "2h"))
        .plausibleEventTimes()).isEqualTo(new PlausibleEventTimes(java.time.LocalDate.of(2015, 6, 1),
            java.time.Duration.ofHours(2)));
    assertThat(problems(with("etl.event.time.min", "1970-01-01"))).containsExactly("etl.event.time.min: must be after"
        + " 1970-01-01, or timestamp 0 would count as plausible (got '1970-01-01')");
    assertThat(problems(with("etl.event.time.min", "yesterday"))).containsExactly(
        "etl.event.time.min: must be a date yyyy-MM-dd (got 'yesterday')");
  }
}
