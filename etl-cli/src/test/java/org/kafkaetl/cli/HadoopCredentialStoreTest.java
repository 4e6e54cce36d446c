package org.kafkaetl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.config.ConfigException;
import org.kafkaetl.core.config.EnvironmentSecrets;
import org.kafkaetl.core.config.EtlConfig;

class HadoopCredentialStoreTest {
  @TempDir
  Path dir;

  @Test
  void readsThePasswordAndTokenFromAJceksKeystore() throws IOException {
    String provider = Keystores.jceks(dir.resolve("etl.jceks"),
        Map.of("db.password", "db-from-jceks", "alerts.sms.token", "sms-from-jceks"));
    EtlConfig c = parse(config("alerts.senders", "log,sms", "alerts.sms.url", "https://sms.example/send",
        "alerts.sms.recipients", "+1"), Keystores.withProvider(new Configuration(false), provider));
    assertThat(c.dbPassword().value()).isEqualTo("db-from-jceks");
    assertThat(c.alerts().sms().orElseThrow().token().value()).isEqualTo("sms-from-jceks");
  }

  @Test
  void theKeystoreBeatsTheEnvironmentAndTheFile() throws IOException {
    String provider = Keystores.jceks(dir.resolve("etl.jceks"), Map.of("db.password", "db-from-jceks"));
    EtlConfig c = EtlConfig.parse(config("db.password", "in-file"), List.of(
        new HadoopCredentialStore(Keystores.withProvider(new Configuration(false), provider)),
        new EnvironmentSecrets(Map.of("KAFKA_ETL_DB_PASSWORD", "from-env"))));
    assertThat(c.dbPassword().value()).isEqualTo("db-from-jceks");
  }

  @Test
  void anAliasTheKeystoreLacksFallsThroughToTheNextSource() throws IOException {
    String provider = Keystores.jceks(dir.resolve("etl.jceks"), Map.of("alerts.sms.token", "sms"));
    EtlConfig c = parse(config("db.password", "in-file"), Keystores.withProvider(new Configuration(false), provider));
    assertThat(c.dbPassword().value()).isEqualTo("in-file");
  }

  /** -D db.password=... would put the password on the command line; it must not be honoured. */
  @Test
  void aClearTextHadoopPropertyOfTheSameNameIsNotASource() throws IOException {
    String provider = Keystores.jceks(dir.resolve("etl.jceks"), Map.of("alerts.sms.token", "sms"));
    Configuration hadoopConf = Keystores.withProvider(new Configuration(false), provider);
    hadoopConf.set("db.password", "from-command-line");
    assertThat(parse(config(), hadoopConf).dbPassword().value()).isEmpty();
    Configuration withoutProvider = new Configuration(false);
    withoutProvider.set("db.password", "from-command-line");
    assertThat(parse(config(), withoutProvider).dbPassword().value()).isEmpty();
  }

  @Test
  void anUnreadableKeystoreIsAConfigurationErrorNamingIt() throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.jceks"), "not a keystore");
    Configuration hadoopConf = Keystores.withProvider(new Configuration(false), "jceks://file" + broken);
    assertThatThrownBy(() -> parse(config("db.password", "in-file"), hadoopConf))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("db.password: cannot read the Hadoop credential provider jceks://file" + broken)
        .hasMessageNotContaining("in-file");
  }

  private static EtlConfig parse(Map<String, String> props, Configuration hadoopConf) {
    return EtlConfig.parse(props, List.of(new HadoopCredentialStore(hadoopConf)));
  }

  private static Map<String, String> config(String... keyValues) {
    Map<String, String> props = new HashMap<>(Map.of("kafka.bootstrap.servers", "k1:9092",
        "db.url", "jdbc:mysql://db/etl", "db.user", "etl", "etl.topics", "clicks"));
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }
}
