package org.kafkaetl.core.config;

import java.util.Map;
import java.util.Optional;

/**
 * Secrets from environment variables (each setting names its own). A variable that is set counts
 * even when empty, since an empty database password is legitimate.
 */
public final class EnvironmentSecrets implements SecretStore {
  private final Map<String, String> environment;

  /** @param environment usually {@code System.getenv()}; a map in tests */
  public EnvironmentSecrets(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Optional<Password> find(SecretSetting secret) {
    return Optional.ofNullable(environment.get(secret.environmentVariable())).map(Password::new);
  }

  @Override
  public String describe(SecretSetting secret) {
    return "environment variable " + secret.environmentVariable();
  }
}
