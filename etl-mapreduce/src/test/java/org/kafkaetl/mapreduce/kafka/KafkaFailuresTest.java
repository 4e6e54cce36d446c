package org.kafkaetl.mapreduce.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.config.ConfigException;

class KafkaFailuresTest {
  private static final Map<String, String> SASL = Map.of("bootstrap.servers", "kafka1:9093",
      "security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN");
  private final KafkaFailures failures = new KafkaFailures(SASL);

  @Test
  void anAuthenticationFailureNamesTheBrokerAndTheKeysAndIsNotRetried() {
    EtlException e = failures.failed("describing topic t",
        new SaslAuthenticationException("Authentication failed: Invalid username or password"));

    assertThat(e).isNotInstanceOf(RetriableException.class);
    assertThat(e.getMessage()).doesNotContain("\n")
        .contains("kafka1:9093", "authentication failed", "Invalid username or password", "kafka.sasl.jaas.config");
  }

  @Test
  void aMissingPermissionSaysWhichOnesTheEtlUserNeeds() {
    EtlException e = failures.failed("listing offsets", new TopicAuthorizationException("Not authorized to access topics: [t]"));

    assertThat(e).isNotInstanceOf(RetriableException.class);
    assertThat(e.getMessage()).contains("kafka1:9093", "not authorized", "Describe and Read");
  }

  @Test
  void noAnswerIsRetriableAndPointsAtTheSecurityProtocolToo() {
    EtlException e = failures.failed("describing topic t",
        new TimeoutException("Timed out waiting for a node assignment. Call: describeTopics"));

    assertThat(e).isInstanceOf(RetriableException.class);
    assertThat(e.getMessage()).contains("kafka1:9093", "no answer", "kafka.security.protocol=SASL_SSL");
  }

  @Test
  void aPasswordQuotedInAKafkaMessageIsHidden() {
    EtlException e = failures.failed("describing topic t", new SaslAuthenticationException(
        "bad login: PlainLoginModule required username=\"etl\" password=\"S3cret-x\";"));

    assertThat(e.getMessage()).doesNotContain("S3cret-x").contains("[hidden]");
  }

  @Test
  void settingsTheKafkaClientRefusesAreAConfigurationError() {
    Map<String, String> inconsistent = Map.of("bootstrap.servers", "localhost:1",
        "default.api.timeout.ms", "5000", "request.timeout.ms", "15000");

    assertThatThrownBy(() -> new KafkaOffsetsReader(inconsistent, 1000))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.*")
        .hasMessageContaining("default.api.timeout.ms must be no smaller than the value of request.timeout.ms");
  }

  @Test
  void saslWithoutAJaasConfigurationIsAConfigurationError() {
    Map<String, String> noCredentials = Map.of("bootstrap.servers", "localhost:1",
        "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN");

    assertThatThrownBy(() -> new KafkaOffsetsReader(noCredentials, 1000))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("JAAS");
  }
}
