package org.kafkaetl.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kafkaetl.core.config.EtlConfigTest.problems;
import static org.kafkaetl.core.config.EtlConfigTest.with;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaRegistryConfigTest {

  @Test
  void registryTopicNeedsNoSchemaFileAndDefaultsItsSubject() {
    EtlConfig c = EtlConfig.parse(with("etl.topics", "clicks,orders", "topic.clicks.format", "avro-confluent",
        "topic.orders.format", "avro-confluent", "topic.orders.subject", "com.shop.Order",
        "schema.registry.url", "http://r1:8081,https://r2/apis/ccompat/v7"));
    assertThat(c.topic("clicks").orElseThrow().format()).isEqualTo(MessageFormat.AVRO_CONFLUENT);
    assertThat(c.topic("clicks").orElseThrow().schemaFile()).isEmpty();
    SchemaRegistrySettings registry = c.schemaRegistry();
    assertThat(registry.urls()).containsExactly(URI.create("http://r1:8081"), URI.create("https://r2/apis/ccompat/v7"));
    assertThat(registry.subject("clicks")).isEqualTo("clicks-value");
    assertThat(registry.subject("orders")).isEqualTo("com.shop.Order");
    assertThat(registry.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(registry.user()).isEmpty();
  }

  @Test
  void withoutRegistryTopicsNothingIsConfigured() {
    assertThat(EtlConfig.parse(EtlConfigTest.minimal()).schemaRegistry()).isEqualTo(SchemaRegistrySettings.NONE);
  }

  @Test
  void everyProblemIsNamedByKey() {
    assertThat(problems(with("topic.clicks.format", "avro-confluent"))).containsExactly(
        "schema.registry.url: is required because topics [clicks] have format avro-confluent");
    assertThat(problems(with("topic.clicks.subject", "x", "schema.registry.url", "ftp://r",
        "schema.registry.basic.auth.password", "pw", "schema.registry.request.timeout", "0s")))
        .containsExactlyInAnyOrder(
            "schema.registry.url: each URL must be http://host[:port][/path] or https://..., got 'ftp://r'"
                + " (got 'ftp://r')",
            "schema.registry.request.timeout: must be longer than zero (got '0s')",
            "topic.clicks.subject: is only for format avro-confluent",
            "schema.registry.basic.auth.password: is set but schema.registry.basic.auth.user is not; set both or"
                + " neither");
    assertThat(problems(with("topic.clicks.format", "avro-confluent", "schema.registry.url", "http://u:pw@r:8081")))
        .singleElement().asString().startsWith("schema.registry.url: must not hold credentials").doesNotContain("pw");
  }

  @Test
  void passwordIsHiddenAndTravelsToTasksWithTheRestOfTheSettings() {
    EtlConfig c = EtlConfig.parse(with("topic.clicks.format", "avro-confluent", "topic.clicks.timestamp.field", "ts",
        "schema.registry.url", "http://r:8081", "schema.registry.basic.auth.user", "etl",
        "schema.registry.basic.auth.password", "s3cret", "schema.registry.request.timeout", "3s"));
    assertThat(c.schemaRegistry().user()).isEqualTo(Optional.of("etl"));
    assertThat(c.schemaRegistry().password().value()).isEqualTo("s3cret");
    assertThat(c.toString()).doesNotContain("s3cret").contains("schemaRegistry=SchemaRegistrySettings[urls=[http://r:8081]");
    Map<String, String> shipped = c.toProperties();
    assertThat(shipped).containsEntry("schema.registry.basic.auth.password", "s3cret")
        .containsEntry("topic.clicks.subject", "clicks-value");
    assertThat(Secrets.isSecretKey("schema.registry.basic.auth.password")).isTrue();
    assertThat(EtlConfig.parse(shipped)).isEqualTo(c);
  }

  @Test
  void passwordComesFromTheEnvironmentBeforeTheFile() {
    Map<String, String> env = Map.of("KAFKA_ETL_SCHEMA_REGISTRY_PASSWORD", "from-env");
    EtlConfig c = EtlConfig.parse(with("topic.clicks.format", "avro-confluent", "schema.registry.url", "http://r:8081",
        "schema.registry.basic.auth.user", "etl"), List.of(new EnvironmentSecrets(env)));
    assertThat(c.schemaRegistry().password().value()).isEqualTo("from-env");
  }

  @Test
  void storesAndTheirPasswordsTravelToTasksAndThePasswordsAreHidden() {
    Map<String, String> env = Map.of("KAFKA_ETL_SCHEMA_REGISTRY_KEYSTORE_PASSWORD", "key-s3cret");
    EtlConfig c = EtlConfig.parse(with("topic.clicks.format", "avro-confluent", "schema.registry.url", "https://r:8081",
        "schema.registry.ssl.truststore.location", "/etc/etl/trust.p12",
        "schema.registry.ssl.truststore.password", "trust-s3cret",
        "schema.registry.ssl.keystore.location", "/etc/etl/client.p12"), List.of(new EnvironmentSecrets(env)));
    SchemaRegistrySettings.Tls tls = c.schemaRegistry().tls();
    assertThat(tls.truststore()).contains("/etc/etl/trust.p12");
    assertThat(tls.truststorePassword().value()).isEqualTo("trust-s3cret");
    assertThat(tls.keystorePassword().value()).as("from the environment").isEqualTo("key-s3cret");
    assertThat(c.toString()).doesNotContain("s3cret").contains("truststore=Optional[/etc/etl/trust.p12]");
    Map<String, String> shipped = c.toProperties();
    assertThat(Secrets.isSecretKey("schema.registry.ssl.truststore.password")).as("into the job's credentials").isTrue();
    assertThat(Secrets.isSecretKey("schema.registry.ssl.keystore.password")).isTrue();
    assertThat(EtlConfig.parse(shipped)).isEqualTo(c);
  }

  @Test
  void aStorePasswordWithoutItsStoreIsRefused() {
    assertThatThrownBy(() -> EtlConfig.parse(with("topic.clicks.format", "avro-confluent",
        "schema.registry.url", "https://r:8081", "schema.registry.ssl.keystore.password", "pw")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.ssl.keystore.password: is set but schema.registry.ssl.keystore.location"
            + " is not");
  }

  @Test
  void keysAreDeclaredAndDocumented() {
    assertThat(EtlConfigDef.globalKeys()).containsAll(SchemaRegistryConfigDef.globalKeys());
    assertThat(EtlConfigDef.topicKeys()).contains(SchemaRegistryConfigDef.TOPIC_SUBJECT);
    assertThat(EtlConfigDef.secrets()).containsAll(SchemaRegistryConfigDef.secrets());
  }
}
