package org.kafkaetl.core.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds each secret in the first place that has it: the stores in their given order (a Hadoop
 * credential provider, then the environment), then the configuration file's owner-only file key,
 * then the file's own value. A store that is configured but unreadable is a problem, not a reason
 * to fall back silently to a weaker source. Only where a secret came from is logged.
 */
final class SecretResolver {
  private static final Logger LOG = LoggerFactory.getLogger(SecretResolver.class);

  private final ConfigReader reader;
  private final List<SecretStore> stores;

  SecretResolver(ConfigReader reader, List<SecretStore> stores) {
    this.reader = reader;
    this.stores = List.copyOf(stores);
  }

  /** The secret, or null after a problem was recorded. */
  Password resolve(SecretSetting secret) {
    Optional<String> file = reader.optional(secret.fileKey());
    boolean valueInFile = reader.isSet(secret.key());
    if (file.isPresent() && valueInFile) {
      reader.problem(secret.fileKey().name(), "set together with " + secret.key().name() + "; keep only one");
      return null;
    }
    for (SecretStore store : stores) {
      try {
        Optional<Password> found = store.find(secret);
        if (found.isPresent()) {
          LOG.info("{} taken from the {}", secret.key().name(), store.describe(secret));
          return found.get();
        }
      } catch (IOException e) {
        reader.problem(secret.key().name(), "cannot read the " + store.describe(secret) + ": " + e.getMessage());
        return null;
      }
    }
    return file.isPresent() ? fromFile(secret, file.get()) : reader.value(secret.key());
  }

  /** For a secret nobody will use (its channel is off): its keys count as known, nothing is read. */
  void ignore(SecretSetting secret) {
    reader.isSet(secret.key());
    reader.isSet(secret.fileKey());
  }

  private Password fromFile(SecretSetting secret, String file) {
    try {
      Password password = SecretFile.read(Path.of(file));
      LOG.info("{} taken from the file {} ({})", secret.key().name(), file, secret.fileKey().name());
      return password;
    } catch (IllegalArgumentException e) {
      reader.problem(secret.fileKey().name(), e.getMessage());
      return null;
    }
  }
}
