package org.kafkaetl.core.config;

import java.io.IOException;
import java.util.Optional;

/**
 * A place outside the configuration file that may hold secrets: the environment ({@link
 * EnvironmentSecrets}) or, at the Hadoop edge, credential providers. Stores are asked in the order
 * given to {@link EtlConfig#parse(java.util.Map, java.util.List)}, before the file's own keys.
 */
public interface SecretStore {
  /**
   * The secret, or empty when this store does not hold it.
   *
   * @throws IOException when the store is configured but cannot be read; its message must not
   *     contain a secret, because it is shown to the operator
   */
  Optional<Password> find(SecretSetting secret) throws IOException;

  /** Where this store keeps the secret, for messages: e.g. "environment variable KAFKA_ETL_DB_PASSWORD". */
  String describe(SecretSetting secret);
}
