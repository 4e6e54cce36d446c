package org.kafkaetl.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.alias.CredentialProvider;
import org.apache.hadoop.security.alias.CredentialProviderFactory;

/** Real JCEKS keystores made the way {@code hadoop credential create} makes them. */
final class Keystores {
  private Keystores() {}

  /** Creates the keystore with these aliases; returns its provider path. */
  static String jceks(Path file, Map<String, String> secrets) throws IOException {
    String providerPath = "jceks://file" + file.toAbsolutePath();
    Configuration conf = withProvider(new Configuration(false), providerPath);
    CredentialProvider provider = CredentialProviderFactory.getProviders(conf).get(0);
    for (Map.Entry<String, String> secret : secrets.entrySet()) {
      provider.createCredentialEntry(secret.getKey(), secret.getValue().toCharArray());
    }
    provider.flush();
    return providerPath;
  }

  static Configuration withProvider(Configuration conf, String providerPath) {
    conf.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, providerPath);
    return conf;
  }
}
