package org.kafkaetl.mapreduce.registry;

import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.kafkaetl.core.config.ConfigException;
import org.kafkaetl.core.config.Password;
import org.kafkaetl.core.config.SchemaRegistryConfigDef;
import org.kafkaetl.core.config.SchemaRegistrySettings;

/** The TLS context of registry requests: the configured truststore and client keystore, else the JVM's own. */
final class RegistryTls {
  private RegistryTls() {}

  /**
   * @return empty when neither store is configured
   * @throws ConfigException naming the key of a store that cannot be read (missing, wrong password, not a store)
   */
  static Optional<SSLContext> context(SchemaRegistrySettings.Tls tls) {
    if (tls.truststore().isEmpty() && tls.keystore().isEmpty()) {
      return Optional.empty();
    }
    try {
      TrustManager[] trust = null;
      if (tls.truststore().isPresent()) {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(load(SchemaRegistryConfigDef.TRUSTSTORE.name(), tls.truststore().get(), tls.truststorePassword()));
        trust = f.getTrustManagers();
      }
      KeyManager[] keys = null;
      if (tls.keystore().isPresent()) {
        KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        f.init(load(SchemaRegistryConfigDef.KEYSTORE.name(), tls.keystore().get(), tls.keystorePassword()),
            tls.keystorePassword().value().toCharArray());
        keys = f.getKeyManagers();
      }
      // null: the JVM's default for the part not configured
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return Optional.of(context);
    } catch (GeneralSecurityException e) {
      throw new ConfigException(List.of("schema.registry.ssl: cannot set up TLS with the configured stores: "
          + e.getMessage()));
    }
  }

  /** PKCS12 or JKS, whichever the file is. */
  private static KeyStore load(String key, String path, Password password) {
    try {
      return KeyStore.getInstance(new File(path), password.isEmpty() ? null : password.value().toCharArray());
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      // a missing file is an IllegalArgumentException; no message names the password, and the cause is left
      // out all the same
      throw new ConfigException(List.of(key + " " + path + ": cannot be read as a PKCS12 or JKS store"
          + " with the configured password: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }
}
