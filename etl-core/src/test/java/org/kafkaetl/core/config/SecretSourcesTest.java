package org.kafkaetl.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kafkaetl.core.config.EtlConfigTest.with;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretSourcesTest {
  private static final String SMS_ON = "log,sms";

  @TempDir
  Path dir;

  @Test
  void theFirstStoreHoldingTheSecretWins() {
    SecretStore provider = new FixedStore("from-provider");
    SecretStore environment = new EnvironmentSecrets(Map.of("KAFKA_ETL_DB_PASSWORD", "from-env"));
    EtlConfig c = EtlConfig.parse(with("db.password", "inline"), List.of(provider, environment));
    assertThat(c.dbPassword().value()).isEqualTo("from-provider");
  }

  @Test
  void theEnvironmentBeatsTheFile() throws IOException {
    Path file = secretFile("from-file", "rw-------");
    EnvironmentSecrets environment = new EnvironmentSecrets(Map.of("KAFKA_ETL_DB_PASSWORD", "from-env"));
    EtlConfig c = EtlConfig.parse(with("db.password.file", file.toString()), List.of(new FixedStore(null), environment));
    assertThat(c.dbPassword().value()).isEqualTo("from-env");
  }

  @Test
  void eachSecretHasItsOwnEnvironmentVariable() {
    EnvironmentSecrets environment = new EnvironmentSecrets(Map.of("KAFKA_ETL_SMS_TOKEN", "sms-token"));
    EtlConfig c = EtlConfig.parse(smsOn(), List.of(environment));
    assertThat(c.alerts().sms().orElseThrow().token().value()).isEqualTo("sms-token");
    assertThat(c.dbPassword().value()).isEmpty();
  }

  @Test
  void anOwnerOnlyFileIsReadWithoutItsTrailingNewline() throws IOException {
    Path file = secretFile("pa ss\n", "rw-------");
    EtlConfig c = EtlConfig.parse(with("db.password.file", file.toString()));
    assertThat(c.dbPassword().value()).isEqualTo("pa ss");
  }

  @Test
  void theSmsTokenFileWorksTheSameWay() throws IOException {
    Path file = secretFile("sms-token\r\n", "r--------");
    Map<String, String> props = smsOn();
    props.put("alerts.sms.token.file", file.toString());
    assertThat(EtlConfig.parse(props).alerts().sms().orElseThrow().token().value()).isEqualTo("sms-token");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r-----", "rw----r--", "rw-rw-rw-", "rw----rw-"})
  void aFileOthersMayUseIsRefusedNamingKeyFileAndPermissions(String permissions) throws IOException {
    Path file = secretFile("the-secret", permissions);
    List<String> problems = problems(with("db.password.file", file.toString()));
    assertThat(problems).singleElement().asString()
        .startsWith("db.password.file: ")
        .contains(file.toString(), permissions, "chmod 600")
        .doesNotContain("the-secret");
  }

  @Test
  void aMissingOrEmptyFileIsAProblem() throws IOException {
    Path empty = secretFile("\n", "rw-------");
    assertThat(problems(with("db.password.file", dir.resolve("absent").toString())))
        .singleElement().asString().contains("db.password.file", "absent", "does not exist");
    assertThat(problems(with("db.password.file", empty.toString())))
        .singleElement().asString().contains("db.password.file", "is empty");
  }

  @Test
  void fileAndValueTogetherAreAnError() throws IOException {
    Path file = secretFile("from-file", "rw-------");
    assertThat(problems(with("db.password.file", file.toString(), "db.password", "inline")))
        .containsExactly("db.password.file: set together with db.password; keep only one");
  }

  @Test
  void anUnreadableStoreIsAProblemNotAFallback() {
    SecretStore broken = new SecretStore() {
      @Override
      public Optional<Password> find(SecretSetting secret) throws IOException {
        throw new IOException("keystore password was incorrect");
      }

      @Override
      public String describe(SecretSetting secret) {
        return "test keystore";
      }
    };
    assertThatThrownBy(() -> EtlConfig.parse(with("db.password", "inline"), List.of(broken)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("db.password: cannot read the test keystore: keystore password was incorrect")
        .hasMessageNotContaining("inline");
  }

  @Test
  void tokensOfChannelsThatAreOffAreNotLookedUp() {
    Map<String, String> props = with("alerts.sms.token.file", dir.resolve("absent").toString());
    EtlConfig c = EtlConfig.parse(props, List.of(new FixedStore("unused")));
    assertThat(c.alerts().sms()).isEmpty();
  }

  private static Map<String, String> smsOn() {
    return with("alerts.senders", SMS_ON, "alerts.sms.url", "https://sms.example/send", "alerts.sms.recipients", "+1");
  }

  private Path secretFile(String content, String permissions) throws IOException {
    Path file = Files.createTempFile(dir, "secret", ".txt");
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  private static List<String> problems(Map<String, String> props) {
    return EtlConfigTest.problems(props);
  }

  /** A store that holds every secret with one value, or none when the value is null. */
  private record FixedStore(String value) implements SecretStore {
    @Override
    public Optional<Password> find(SecretSetting secret) {
      return Optional.ofNullable(value).map(Password::new);
    }

    @Override
    public String describe(SecretSetting secret) {
      return "fixed store";
    }
  }
}
