package org.kafkaetl.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void pemKeysCertificatesAndRegistryCredentialsAreSecretKeys() {
    for (String key : new String[] {"ssl.keystore.key", "ssl.keystore.certificate.chain",
        "ssl.truststore.certificates", "basic.auth.user.info", "schema.registry.basic.auth.user.info",
        "sasl.jaas.config", "ssl.key.password", "sasl.oauthbearer.client.credentials.client.secret"}) {
      assertThat(Secrets.isSecretKey(key)).as(key).isTrue();
      assertThat(Secrets.display(key, "pw-123")).as(key).isEqualTo(Password.HIDDEN);
    }
  }

  @Test
  void settingsThatOnlyNameOrDescribeASecretAreShown() {
    for (String key : new String[] {"ssl.keystore.location", "ssl.keystore.type", "ssl.truststore.type",
        "bootstrap.servers", "security.protocol", "basic.auth.credentials.source", "key.deserializer"}) {
      assertThat(Secrets.isSecretKey(key)).as(key).isFalse();
    }
  }

  @Test
  void aUrlsUserInfoPasswordIsMaskedWhereverTheUrlAppears() {
    assertThat(Secrets.display("db.url", "jdbc:mysql://etl:pw-123@db:3306/etl?useSSL=true"))
        .isEqualTo("jdbc:mysql://etl:[hidden]@db:3306/etl?useSSL=true");
    assertThat(Secrets.display("message", "cannot connect to jdbc:mariadb://etl:pw-123@db/etl: refused"))
        .isEqualTo("cannot connect to jdbc:mariadb://etl:[hidden]@db/etl: refused");
    assertThat(Secrets.display("message", "webhook https://bot:pw-123@hooks.example/x failed"))
        .doesNotContain("pw-123");
    assertThat(Secrets.display("db.url", "jdbc:mysql://db1:3306,db2:3306/etl")).isEqualTo("jdbc:mysql://db1:3306,db2:3306/etl");
    assertThat(Secrets.display("db.url", "jdbc:mysql://etl@db/etl")).isEqualTo("jdbc:mysql://etl@db/etl");
  }

  @Test
  void passwordQueryParametersAreMasked() {
    assertThat(Secrets.display("db.url", "jdbc:mysql://db/etl?user=x&password=pw-123&useSSL=true"))
        .isEqualTo("jdbc:mysql://db/etl?user=x&password=[hidden]&useSSL=true");
    assertThat(Secrets.display("db.url", "jdbc:mysql://address=(host=db)(user=x)(password=pw-123)/etl"))
        .doesNotContain("pw-123");
    assertThat(Secrets.display("db.url", "jdbc:oracle:thin:etl/pw-123@db:1521/etl")).doesNotContain("pw-123");
  }

  @Test
  void maskedKeepsEveryKeyInOrderAndHidesOnlySecrets() {
    Map<String, String> shown = Secrets.masked(new java.util.LinkedHashMap<>(Map.of(
        "ssl.keystore.key", "-----BEGIN PRIVATE KEY-----pw", "bootstrap.servers", "k:9092")));
    assertThat(shown).containsEntry("ssl.keystore.key", Password.HIDDEN).containsEntry("bootstrap.servers", "k:9092");
  }
}
