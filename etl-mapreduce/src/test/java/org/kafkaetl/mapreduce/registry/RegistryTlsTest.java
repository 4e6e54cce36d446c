package org.kafkaetl.mapreduce.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Optional;
import org.kafkaetl.core.config.ConfigException;
import org.kafkaetl.core.config.Password;
import org.kafkaetl.core.config.SchemaRegistrySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTlsTest {
  @TempDir
  Path dir;

  @Test
  void withoutStoresTheJvmDefaultsStand() {
    assertThat(RegistryTls.context(SchemaRegistrySettings.Tls.DEFAULT)).isEmpty();
  }

  @Test
  void aTruststoreIsReadWithItsPassword() throws Exception {
    Path store = emptyStore("right-pw");
    assertThat(RegistryTls.context(truststore(store, "right-pw"))).isPresent();
  }

  @Test
  void aWrongPasswordOrAMissingStoreNamesTheKeyAndNotThePassword() throws Exception {
    Path store = emptyStore("right-pw");
    assertThatThrownBy(() -> RegistryTls.context(truststore(store, "wrong-pw")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.ssl.truststore.location " + store + ": cannot be read")
        .hasMessageNotContaining("wrong-pw").hasMessageNotContaining("right-pw");
    assertThatThrownBy(() -> RegistryTls.context(new SchemaRegistrySettings.Tls(Optional.empty(), new Password(""),
        Optional.of(dir.resolve("missing.p12").toString()), new Password("pw"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.ssl.keystore.location " + dir.resolve("missing.p12"));
  }

  private static SchemaRegistrySettings.Tls truststore(Path store, String password) {
    return new SchemaRegistrySettings.Tls(Optional.of(store.toString()), new Password(password), Optional.empty(),
        new Password(""));
  }

  private Path emptyStore(String password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    Path file = dir.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, password.toCharArray());
    }
    return file;
  }
}
