package org.kafkaetl.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.kafkaetl.core.config.ConfigException;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.config.EtlConfigDef;
import picocli.CommandLine.Option;

/**
 * The {@code --config} option every command shares. The database password is never an option:
 * it comes from the file or from the {@value #PASSWORD_ENV} environment variable.
 */
final class ConfigOption {
  static final String PASSWORD_ENV = "KAFKA_ETL_DB_PASSWORD";

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "${env:KAFKA_ETL_CONF:-conf/kafka-etl.properties}",
      description = "Configuration file (default: $KAFKA_ETL_CONF or ${DEFAULT-VALUE}). Keys: docs/configuration.md."
          + " The database password may instead come from $" + PASSWORD_ENV + ".")
  private Path file;

  EtlConfig load() {
    Map<String, String> props = new HashMap<>(EtlConfig.readProperties(file));
    String password = System.getenv(PASSWORD_ENV);
    if (password != null) {
      props.put("db.password", password);
    }
    // Alerts print commands an operator pastes; they must name the configuration this run used.
    props.putIfAbsent(EtlConfigDef.ALERT_FIX_CONFIG.name(), file.toAbsolutePath().normalize().toString());
    try {
      return EtlConfig.parse(props);
    } catch (ConfigException e) {
      throw e.in(file.toString());
    }
  }
}
