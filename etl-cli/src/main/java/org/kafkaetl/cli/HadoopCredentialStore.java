package org.kafkaetl.cli;

import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.alias.CredentialProviderFactory;
import org.kafkaetl.core.config.Password;
import org.kafkaetl.core.config.SecretSetting;
import org.kafkaetl.core.config.SecretStore;

/**
 * Secrets from the Hadoop credential providers listed in {@code hadoop.security.credential.provider.path}
 * (e.g. {@code jceks://hdfs@nn/user/etl/kafka-etl.jceks}), each under its setting's name as alias:
 * {@code hadoop credential create db.password -provider ...}. Without that setting it holds nothing.
 */
final class HadoopCredentialStore implements SecretStore {
  private final Configuration hadoopConf;

  HadoopCredentialStore(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  /**
   * Asks the providers only. {@code Configuration.getPassword} would fall back to a clear-text
   * Hadoop property of the same name, which {@code -D db.password=...} on the command line sets.
   */
  @Override
  public Optional<Password> find(SecretSetting secret) throws IOException {
    if (providerPath().isEmpty()) {
      return Optional.empty();
    }
    char[] value = hadoopConf.getPasswordFromCredentialProviders(secret.alias());
    return value == null ? Optional.empty() : Optional.of(new Password(new String(value)));
  }

  @Override
  public String describe(SecretSetting secret) {
    return "Hadoop credential provider " + providerPath() + " (alias " + secret.alias() + ")";
  }

  private String providerPath() {
    return hadoopConf.getTrimmed(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, "");
  }
}
