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

  /**
   * The documentation of a secret's file key. Here rather than in a *ConfigDef class: a declaring
   * class that asked another for it could start that one's initialization from its own, and the
   * other would then read this one's lists before they exist.
   */
  static String fileDoc(String what, String key) {
    return "Path of a local file holding the " + what + " (its content, without the trailing newline)"
        + " instead of " + key + "; the file must be accessible to its owner only (chmod 600), otherwise"
        + " it is refused. Setting both keys is an error.";
  }
}
