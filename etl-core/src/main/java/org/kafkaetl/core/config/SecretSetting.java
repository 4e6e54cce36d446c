package org.kafkaetl.core.config;

import java.util.Objects;

/**
 * A secret setting and the places outside the configuration file it may come from instead. The
 * key's name is also its alias in a Hadoop credential provider.
 *
 * @param key the setting itself, a value written into the configuration file
 * @param fileKey the setting naming a local, owner-only file that holds the secret
 * @param environmentVariable the environment variable that may hold the secret
 */
public record SecretSetting(ConfigKey<Password> key, ConfigKey<String> fileKey, String environmentVariable) {
  public SecretSetting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fileKey, "fileKey");
    Objects.requireNonNull(environmentVariable, "environmentVariable");
  }

  /** The name the secret is stored under in a credential provider: the setting's own name. */
  public String alias() {
    return key.name();
  }
}
