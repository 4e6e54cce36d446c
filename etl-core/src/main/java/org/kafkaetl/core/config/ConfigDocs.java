package org.kafkaetl.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Renders docs/configuration.md from {@link EtlConfigDef}, so the reference cannot drift from the
 * code; a unit test fails when the checked-in file is stale. Regenerate with scripts/gen-config-docs.
 */
public final class ConfigDocs {
  private static final String HEADER = "| Key | Type | Default | Required | Importance | Description |\n"
      + "|---|---|---|---|---|---|\n";

  private ConfigDocs() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ConfigDocs <output file, e.g. docs/configuration.md>");
    }
    Path out = Path.of(args[0]);
    Files.writeString(out, markdown(), StandardCharsets.UTF_8);
    System.out.println("wrote " + out.toAbsolutePath());
  }

  public static String markdown() {
    return "# kafka-etl configuration\n\n"
        + "<!-- Generated from EtlConfigDef by ConfigDocs; do not edit. Run scripts/gen-config-docs. -->\n\n"
        + "All settings live in one Java properties file (UTF-8); conf/kafka-etl.properties is a"
        + " documented example. A file is checked as a whole: every missing, malformed or unknown key"
        + " is reported at once, each by name. Values of secret keys (the database password and any"
        + " key containing password, passphrase, jaas, secret, token, user.info or certificate, and"
        + " ssl.keystore.key) are printed as `[hidden]`, and so is a password in a URL's user info"
        + " (`jdbc:mysql://user:password@host/db`) or in a password=, secret= or token= parameter.\n\n"
        + "## General settings\n\n"
        + HEADER + generalRows() + "\n"
        + secretsSection() + "\n"
        + "## Per-topic settings\n\n"
        + "Replace `<name>` with a topic listed in `etl.topics`; settings for a topic that is not"
        + " listed are an error.\n\n"
        + TopicPatternConfigDef.defaultsDoc() + "\n\n"
        + HEADER + rows(EtlConfigDef.topicKeys());
  }

  /** Where each secret may come from, in the order the command line looks (ConfigOption in etl-cli). */
  private static String secretsSection() {
    StringBuilder sb = new StringBuilder("## Secrets\n\n"
        + "The database password and the alert tokens are better kept out of the configuration file."
        + " Each is taken from the first of these that has it:\n\n"
        + "1. a Hadoop credential provider (`hadoop.security.credential.provider.path` in the Hadoop"
        + " configuration, e.g. `jceks://hdfs/...`), under the secret's own name as alias: the way for Oozie, whose"
        + " launcher prints its environment into the job log;\n"
        + "2. the environment variable below;\n"
        + "3. the file named by the file key below, which must be accessible to its owner only;\n"
        + "4. the key itself in the configuration file.\n\n"
        + "Never from the command line. A credential provider that is configured but cannot be read is an"
        + " error, not a reason to try the next source. The log names the source of each secret, never"
        + " its value. Setup: docs/operations.md.\n\n"
        + "| Secret (and its credential provider alias) | Environment variable | File key |\n|---|---|---|\n");
    for (SecretSetting secret : EtlConfigDef.secrets()) {
      sb.append("| `").append(secret.alias()).append("` | `").append(secret.environmentVariable()).append("` | `").append(secret.fileKey().name()).append("` |\n");
    }
    return sb.toString();
  }

  /** The kafka.* pass-through sits next to the one Kafka key that is declared. */
  private static String generalRows() {
    StringBuilder sb = new StringBuilder();
    for (ConfigKey<?> key : EtlConfigDef.globalKeys()) {
      sb.append(row(key));
      if (key == EtlConfigDef.KAFKA_BOOTSTRAP_SERVERS) {
        sb.append(kafkaPassThroughRow());
      }
    }
    return sb.toString();
  }

  private static String rows(List<ConfigKey<?>> keys) {
    StringBuilder sb = new StringBuilder();
    keys.forEach(k -> sb.append(row(k)));
    return sb.toString();
  }

  private static String row(ConfigKey<?> key) {
    return "| `" + key.name() + "` | " + key.type().name() + " | " + defaultText(key) + " | "
        + (key.required() ? "yes" : "no") + " | " + key.importance().name().toLowerCase(Locale.ROOT)
        + " | " + escape(key.doc()) + " |\n";
  }

  private static String kafkaPassThroughRow() {
    return "| `" + EtlConfigDef.KAFKA_PREFIX + "*` | string |  | no | medium | "
        + escape(EtlConfigDef.KAFKA_PASS_THROUGH_DOC) + " |\n";
  }

  private static String defaultText(ConfigKey<?> key) {
    return key.defaultValue()
        .map(d -> d.isEmpty() ? "(empty)" : "`" + (key.isSecret() ? Password.HIDDEN : d) + "`")
        .orElse("");
  }

  /** A '|' in a description would end the table cell. */
  private static String escape(String text) {
    return text.replace("|", "\\|");
  }
}
