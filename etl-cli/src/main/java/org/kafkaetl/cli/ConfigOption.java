package org.kafkaetl.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.core.config.ConfigException;
import org.kafkaetl.core.config.EnvironmentSecrets;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.config.EtlConfigDef;
import org.kafkaetl.core.config.AlertConfigDef;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --config} option every command shares. Secrets are never options: each comes from a
 * Hadoop credential provider, then the environment, then the file (docs/configuration.md, Secrets).
 *
 * <p>There is no default file: a default relative to the working directory picked up the example
 * configuration inside a checkout, and the command then failed on its example database instead of
 * saying that no configuration was given.
 */
final class ConfigOption {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "${env:KAFKA_ETL_CONF}",
      description = "Configuration file (required unless $KAFKA_ETL_CONF names one). Keys: docs/configuration.md."
          + " The database password may instead come from a Hadoop credential provider"
          + " (hadoop.security.credential.provider.path), $KAFKA_ETL_DB_PASSWORD or db.password.file.")
  private Path file;

  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  EtlConfig load(Configuration hadoopConf) {
    if (file == null) {
      throw new ParameterException(command.commandLine(), "no configuration given: pass --config FILE or set"
          + " KAFKA_ETL_CONF (conf/kafka-etl.properties is an example to copy, not a working configuration)");
    }
    Map<String, String> props = new HashMap<>(EtlConfig.readProperties(file));
    // Alerts print commands an operator pastes; they must name the configuration this run used.
    props.putIfAbsent(AlertConfigDef.ALERT_FIX_CONFIG.name(), file.toAbsolutePath().normalize().toString());
    try {
      return EtlConfig.parse(props,
          List.of(new HadoopCredentialStore(hadoopConf), new EnvironmentSecrets(System.getenv())));
    } catch (ConfigException e) {
      throw e.in(file.toString());
    }
  }
}
