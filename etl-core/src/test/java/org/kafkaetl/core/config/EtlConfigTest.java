package org.kafkaetl.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EtlConfigTest {

  static Map<String, String> minimal() {
    Map<String, String> p = new HashMap<>();
    p.put("kafka.bootstrap.servers", "k1:9092");
    p.put("db.url", "jdbc:mysql://db/etl");
    p.put("db.user", "etl");
    p.put("etl.topics", "clicks");
    return p;
  }

  static Map<String, String> with(String... keyValues) {
    Map<String, String> p = minimal();
    for (int i = 0; i < keyValues.length; i += 2) {
      if (keyValues[i + 1] == null) {
        p.remove(keyValues[i]);
      } else {
        p.put(keyValues[i], keyValues[i + 1]);
      }
    }
    return p;
  }

  static List<String> problems(Map<String, String> props) {
    try {
      EtlConfig.parse(props);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected a ConfigException");
  }

  @Test
  void minimalConfigGetsDefaults() {
    EtlConfig c = EtlConfig.parse(minimal());
    assertThat(c.kafkaClientProperties()).containsExactly(Map.entry("bootstrap.servers", "k1:9092"));
    assertThat(c.dbPassword().value()).isEmpty();
    assertThat(c.workRoot()).isEqualTo("/etl/work");
    assertThat(c.warehouseRoot()).isEqualTo("/etl/warehouse");
    assertThat(c.timeZone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(c.maxPullTime()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.maxMappers()).isEqualTo(8);
    assertThat(c.newPartitionStart()).isEqualTo(StartPosition.EARLIEST);
    assertThat(c.pollTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.stallTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.topics()).containsExactly(new TopicConfig("clicks", MessageFormat.RAW, Optional.empty(),
        Optional.empty(), OptionalLong.empty(), 1.0, 100));
  }

  @Test
  void readsEverySetting() {
    EtlConfig c = EtlConfig.parse(with(
        "kafka.security.protocol", "SASL_SSL",
        "db.url", "jdbc:mariadb://db/etl",
        "db.password", "s3cret",
        "etl.topics", " clicks , views.v2 ",
        "topic.clicks.format", "JSON",
        "topic.clicks.schema", "schemas/clicks.avsc",
        "topic.clicks.timestamp.field", "ts",
        "topic.clicks.split.threshold", "1000",
        "topic.clicks.max.decode.errors", "0",
        "topic.views.v2.format", "avro",
        "topic.views.v2.schema", "v.avsc",
        "topic.views.v2.format.weight", "2.5",
        "etl.work.root", "/w",
        "etl.warehouse.root", "/wh",
        "etl.timezone", "Europe/Berlin",
        "etl.max.pull.time", "PT5M",
        "etl.max.mappers", "100",
        "etl.new.partition.start", "latest",
        "etl.poll.timeout", "250ms",
        "etl.stall.timeout", "1h"));
    assertThat(c.kafkaClientProperties()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(c.dbPassword()).isEqualTo(new Password("s3cret"));
    assertThat(c.topicNames()).containsExactly("clicks", "views.v2");
    assertThat(c.topic("clicks")).contains(new TopicConfig("clicks", MessageFormat.JSON,
        Optional.of("schemas/clicks.avsc"), Optional.of("ts"), OptionalLong.of(1000), 3.0, 0));
    assertThat(c.topic("views.v2").orElseThrow().formatWeight()).isEqualTo(2.5);
    assertThat(c.topic("nope")).isEmpty();
    assertThat(c.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(c.maxPullTime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.maxMappers()).isEqualTo(100);
    assertThat(c.newPartitionStart()).isEqualTo(StartPosition.LATEST);
    assertThat(c.pollTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.stallTimeout()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void missingRequiredKeys() {
    assertThat(problems(Map.of())).containsExactlyInAnyOrder(
        "kafka.bootstrap.servers: is required",
        "db.url: is required",
        "db.user: is required",
        "etl.topics: is required unless etl.topics.include is set");
  }

  @Test
  void blankRequiredValueCountsAsMissing() {
    assertThat(problems(with("db.user", "  "))).containsExactly("db.user: is required");
  }

  @Test
  void badTypes() {
    assertThat(problems(with("etl.max.mappers", "many"))).containsExactly("etl.max.mappers: must be an integer (got 'many')");
    assertThat(problems(with("topic.clicks.split.threshold", "1e6")))
        .containsExactly("topic.clicks.split.threshold: must be a whole number or auto (got '1e6')");
    assertThat(problems(with("topic.clicks.format.weight", "heavy")))
        .containsExactly("topic.clicks.format.weight: must be a number (got 'heavy')");
  }

  @Test
  void outOfRangeValues() {
    assertThat(problems(with("etl.max.mappers", "0")))
        .containsExactly("etl.max.mappers: must be between 1 and 10000 (got '0')");
    assertThat(problems(with("topic.clicks.split.threshold", "-5")))
        .containsExactly("topic.clicks.split.threshold: must be at least 1 (got '-5')");
    assertThat(problems(with("topic.clicks.format.weight", "0")))
        .containsExactly("topic.clicks.format.weight: must be a positive number (got '0')");
    assertThat(problems(with("topic.clicks.format.weight", "NaN"))).hasSize(1);
    assertThat(problems(with("topic.clicks.max.decode.errors", "-1"))).hasSize(1);
  }

  @Test
  void badEnums() {
    assertThat(problems(with("topic.clicks.format", "xml")))
        .containsExactly("topic.clicks.format: must be one of json, avro, raw, avro-confluent (got 'xml')");
    assertThat(problems(with("etl.new.partition.start", "middle")))
        .containsExactly("etl.new.partition.start: must be one of earliest, latest (got 'middle')");
  }

  @Test
  void badZoneAndDurations() {
    assertThat(problems(with("etl.timezone", "Mars/Olympus")))
        .containsExactly("etl.timezone: must be a time zone id such as UTC or Europe/Berlin (got 'Mars/Olympus')");
    assertThat(problems(with("etl.max.pull.time", "10 minutes")))
        .containsExactly("etl.max.pull.time: " + Durations.EXPECTED + " (got '10 minutes')");
    assertThat(problems(with("etl.poll.timeout", "0s")))
        .containsExactly("etl.poll.timeout: must be longer than zero (got '0s')");
    assertThat(problems(with("etl.stall.timeout", "99999999999999999999d"))).hasSize(1);
  }

  @Test
  void jdbcUrlMustBeMysqlOrMariadb() {
    assertThat(problems(with("db.url", "jdbc:postgresql://db/etl")))
        .containsExactly("db.url: must start with jdbc:mysql: or jdbc:mariadb: (got 'jdbc:postgresql://db/etl')");
  }

  @Test
  void invalidTopicNamesAreRejectedByKey() {
    List<String> problems = problems(with("etl.topics", "ok,../etc,a/b"));
    assertThat(problems).hasSize(2).allMatch(p -> p.startsWith("etl.topics: invalid topic name"));
    assertThat(problems.get(0)).contains("'../etc'");
    assertThat(problems.get(1)).contains("'a/b'");
  }

  @Test
  void topicNamesThatCollideWithReservedOrHiddenDirectoryNamesAreRefusedByName() {
    List<String> reserved = List.of("_temporary", "_SUCCESS", "_COMPLETE", "_reports", "_errors", "_rebuild",
        "__consumer_offsets", ".hidden", "..x");
    List<String> problems = problems(with("etl.topics", String.join(",", reserved) + ",ok_topic,ok.v2,a_"));
    assertThat(problems).hasSize(reserved.size());
    for (int i = 0; i < reserved.size(); i++) {
      assertThat(problems.get(i)).startsWith("etl.topics: topic '" + reserved.get(i) + "' cannot be landed")
          .contains("starts with '_' or '.'");
    }
    assertThatThrownBy(() -> new TopicConfig("_temporary", MessageFormat.RAW, Optional.empty(), Optional.empty(),
        OptionalLong.empty(), 1.0, 0)).hasMessageContaining("'_temporary'");
  }

  @Test
  void duplicateAndEmptyTopicLists() {
    assertThat(problems(with("etl.topics", "a,a"))).containsExactly("etl.topics: topic 'a' is listed twice");
    assertThat(problems(with("etl.topics", " , "))).containsExactly("etl.topics: must list at least one topic");
  }

  @Test
  void schemaRequiredForJsonAndAvroAndRefusedForRaw() {
    assertThat(problems(with("topic.clicks.format", "json")))
        .containsExactly("topic.clicks.schema: is required because topic.clicks.format is json");
    assertThat(problems(with("topic.clicks.format", "avro")))
        .containsExactly("topic.clicks.schema: is required because topic.clicks.format is avro");
    assertThat(problems(with("topic.clicks.schema", "c.avsc", "topic.clicks.timestamp.field", "ts")))
        .containsExactly(
            "topic.clicks.schema: is not allowed because topic.clicks.format is raw",
            "topic.clicks.timestamp.field: is not allowed because topic.clicks.format is raw"
                + " (raw topics use the Kafka timestamp)");
  }

  @Test
  void unknownKeysAreNamedWithSuggestions() {
    assertThat(problems(with("etl.max.mapers", "4"))).containsExactly(
        "etl.max.mapers: unknown key (did you mean etl.max.mappers?); Kafka consumer settings take the prefix kafka.");
    assertThat(problems(with("bootstrap.servers", "x")))
        .containsExactly("bootstrap.servers: unknown key; Kafka consumer settings take the prefix kafka.");
    assertThat(problems(with("topic.clickz.format", "json")))
        .containsExactly("topic.clickz.format: topic 'clickz' is not listed in etl.topics");
    assertThat(problems(with("topic.clicks.formt", "json")))
        .containsExactly("topic.clicks.formt: unknown per-topic setting (did you mean topic.clicks.format?)");
    assertThat(problems(with("topic.format", "json"))).containsExactly("topic.format: unknown per-topic setting");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () ->
        EtlConfig.parse(with(
            "db.url", null,
            "etl.topics", "clicks,bad/name",
            "topic.clicks.format", "json",
            "etl.max.mappers", "-1",
            "etl.timezone", "Nowhere",
            "etl.max.pull.time", "soon",
            "topic.clicks.split.threshold", "0",
            "etl.typo", "1")));
    assertThat(e.problems()).hasSize(8);
    for (String key : List.of("db.url", "etl.topics", "topic.clicks.schema", "etl.max.mappers", "etl.timezone",
        "etl.max.pull.time", "topic.clicks.split.threshold", "etl.typo")) {
      assertThat(e.getMessage()).contains(key + ": ");
    }
    assertThat(e.getMessage()).startsWith("Invalid configuration (8 problems):");
  }

  @Test
  void secretsNeverAppearInToStringOrErrors() {
    Map<String, String> props = with(
        "db.password", "pw-db-123",
        "db.url", "jdbc:mysql://db/etl?user=x&password=pw-url-123",
        "kafka.sasl.jaas.config", "ScramLoginModule required password=\"pw-jaas-123\";",
        "kafka.ssl.keystore.password", "pw-ks-123",
        "kafka.custom.token", "pw-token-123",
        "kafka.ssl.keystore.key", "-----BEGIN ENCRYPTED PRIVATE KEY-----pw-pem-123",
        "kafka.ssl.keystore.certificate.chain", "-----BEGIN CERTIFICATE-----pw-chain-123",
        "kafka.ssl.truststore.certificates", "-----BEGIN CERTIFICATE-----pw-trust-123",
        "kafka.basic.auth.user.info", "registry:pw-registry-123");
    EtlConfig c = EtlConfig.parse(props);
    assertThat(c.kafkaClientProperties()).containsEntry("ssl.keystore.password", "pw-ks-123");
    assertThat(c.toString()).doesNotContain("pw-").contains("[hidden]").contains("dbPassword=[hidden]");
    assertThat(c.dbPassword().toString()).isEqualTo("[hidden]");

    props.put("etl.typo", "1");
    props.put("db.url", "jdbc:oracle:thin:@x?password=pw-url-123");
    assertThatThrownBy(() -> EtlConfig.parse(props)).isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("pw-")
        .hasMessageContaining("db.url");
  }

  @Test
  void credentialsInAlertUrlsAreNeverShown() {
    EtlConfig c = EtlConfig.parse(with("alerts.senders", "log,webhook",
        "alerts.webhook.url", "https://bot:pw-hook-123@hooks.example/x?access_token=pw-query-123"));
    assertThat(c.alerts().webhook().orElseThrow().url()).contains("pw-hook-123");
    assertThat(c.toString()).doesNotContain("pw-").contains("https://bot:[hidden]@hooks.example/x");
  }

  @Test
  void aPasswordInTheJdbcUrlsUserInfoIsNeverShown() {
    Map<String, String> props = with("db.url", "jdbc:mysql://etl:pw-userinfo-123@db:3306/etl");
    EtlConfig c = EtlConfig.parse(props);
    assertThat(c.jdbcUrl()).isEqualTo("jdbc:mysql://etl:pw-userinfo-123@db:3306/etl");
    assertThat(c.toString()).doesNotContain("pw-").contains("jdbc:mysql://etl:[hidden]@db:3306/etl");
    assertThat(c.toProperties().toString()).doesNotContain("pw-");

    props.put("db.url", "jdbc:postgresql://etl:pw-userinfo-123@db/etl");
    assertThatThrownBy(() -> EtlConfig.parse(props)).isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("pw-")
        .hasMessageContaining("db.url");
  }

  @Test
  void sizingIsOffUnlessATargetRunTimeIsSet() {
    EtlConfig c = EtlConfig.parse(minimal());
    assertThat(c.sizing().enabled()).isFalse();
    assertThat(c.sizing().minMappers()).isEqualTo(1);
    assertThat(c.sizing().startRate()).isEqualTo(5000);
  }

  @Test
  void autoThresholdsAndTheTargetRunTime() {
    EtlConfig c = EtlConfig.parse(with(
        "etl.topics", "clicks,views",
        "topic.clicks.split.threshold", "AUTO",
        "topic.views.split.threshold", "500",
        "topic.views.format.weight", "2",
        "etl.target.run.time", "20m",
        "etl.min.mappers", "3",
        "etl.sizing.start.rate", "1500"));
    assertThat(c.sizing().targetRunTime()).hasValue(java.time.Duration.ofMinutes(20));
    assertThat(c.sizing().minMappers()).isEqualTo(3);
    assertThat(c.sizing().startRate()).isEqualTo(1500);
    assertThat(c.sizing().autoSplitTopics()).containsExactly("clicks");
    assertThat(c.sizing().configuredWeights()).containsExactly("views");
    assertThat(c.topic("clicks").orElseThrow().splitThreshold()).isEmpty();
    assertThat(c.topic("views").orElseThrow().splitThreshold()).hasValue(500);
    assertThat(EtlConfig.parse(c.toProperties())).isEqualTo(c);
  }

  @Test
  void autoNeedsATargetAndMinMappersAtMostMax() {
    assertThat(problems(with("topic.clicks.split.threshold", "auto"))).containsExactly(
        "topic.clicks.split.threshold: is auto, which needs etl.target.run.time (the time one mapper's share must fit"
            + " in); set it, or give a fixed threshold");
    assertThat(problems(with("etl.min.mappers", "9"))).containsExactly(
        "etl.min.mappers: must be at most etl.max.mappers (8), got 9");
    assertThat(problems(with("etl.target.run.time", "0s"))).containsExactly(
        "etl.target.run.time: must be longer than zero (got '0s')");
    assertThat(problems(with("etl.sizing.start.rate", "-1"))).containsExactly(
        "etl.sizing.start.rate: must be a positive number (got '-1')");
  }

  @Test
  void toPropertiesRoundTripsExceptThePassword() {
    EtlConfig c = EtlConfig.parse(with(
        "db.password", "pw",
        "kafka.sasl.jaas.config", "jaas-secret",
        "etl.topics", "clicks,views",
        "topic.clicks.format", "json",
        "topic.clicks.schema", "c.avsc",
        "topic.clicks.timestamp.field", "ts",
        "topic.clicks.split.threshold", "10",
        "topic.views.format.weight", "0.25",
        "etl.timezone", "America/New_York",
        "etl.max.pull.time", "90s",
        "etl.new.partition.start", "latest"));
    Map<String, String> props = c.toProperties();
    assertThat(props).doesNotContainKey("db.password").doesNotContainValue("pw")
        .containsEntry("kafka.sasl.jaas.config", "jaas-secret");
    EtlConfig reparsed = EtlConfig.parse(props);
    assertThat(reparsed).isEqualTo(c.withDbPassword(new Password("")));
    assertThat(reparsed.toProperties()).isEqualTo(props);
  }

  @Test
  void recordsAreImmutable() {
    EtlConfig c = EtlConfig.parse(minimal());
    assertThatThrownBy(() -> c.kafkaClientProperties().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.topics().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.toProperties().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
