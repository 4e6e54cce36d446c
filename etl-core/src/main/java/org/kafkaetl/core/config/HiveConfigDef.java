package org.kafkaetl.core.config;

import static org.kafkaetl.core.config.ConfigKey.TOPIC;
import static org.kafkaetl.core.config.Importance.HIGH;
import static org.kafkaetl.core.config.Importance.LOW;
import static org.kafkaetl.core.config.Importance.MEDIUM;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The settings that publish the warehouse to a table catalog (the Hive Metastore): which topics
 * become tables, where the metastore is and when a day becomes a partition. Declared apart from
 * {@link EtlConfigDef}, which lists these keys among its own.
 */
public final class HiveConfigDef {
  public static final ConfigKey<List<String>> METASTORE_URIS = ConfigKey.optional(
      "hive.metastore.uris", ConfigType.LIST, HIGH,
      "Comma-separated Thrift URIs of the Hive Metastore (thrift://host:9083), tried in order. Required when"
          + " a topic sets topic.<name>.hive.table. The metastore being down never fails a run or a merge: the"
          + " registrations it could not take are kept in the database and made by the next run or merge.")
      .validatedBy(uris -> uris.stream().filter(u -> !u.startsWith("thrift://")).findFirst()
          .map(u -> "each URI must start with thrift://, got '" + u + "'"));
  public static final ConfigKey<Boolean> METASTORE_SASL_ENABLED = ConfigKey.withDefault(
      "hive.metastore.sasl.enabled", ConfigType.BOOLEAN, "false", MEDIUM,
      "Whether the metastore requires Kerberos (SASL) on its Thrift port, as its own"
          + " hive.metastore.sasl.enabled says. The tool then authenticates as the Kerberos login the job"
          + " already uses for HDFS (kinit or the keytab of docs/operations.md).");
  public static final ConfigKey<String> METASTORE_KERBEROS_PRINCIPAL = ConfigKey.optional(
      "hive.metastore.kerberos.principal", ConfigType.STRING, MEDIUM,
      "The metastore's service principal, e.g. hive/_HOST@EXAMPLE.COM (_HOST is replaced by the metastore's"
          + " host name). Required when hive.metastore.sasl.enabled is true.")
      .validatedBy(p -> p.contains("@") ? Optional.empty() : Optional.of("must be a principal with a realm"
          + " (name/host@REALM)"));
  public static final ConfigKey<Duration> METASTORE_TIMEOUT = ConfigKey.withDefault(
      "hive.metastore.timeout", ConfigType.DURATION, "30s", LOW,
      "Longest one metastore call (or connection attempt) waits before the registration is kept for"
          + " later, so a hung metastore delays a merge by at most about this much per day.")
      .validatedBy(Validator.positiveDuration());
  public static final ConfigKey<HiveRegisterWhen> REGISTER_WHEN = ConfigKey.withDefault(
      "hive.register.when", ConfigType.enumOf(HiveRegisterWhen.class), "complete", MEDIUM,
      "When a day becomes a partition: complete = when the day is complete (its _COMPLETE marker is written),"
          + " so readers and schedulers waiting for the partition never see half a day; merged = as soon as"
          + " the day has merged data, with the partition parameter kafka-etl.complete=false until the day is"
          + " complete. Default for every topic; topic.<name>.hive.register.when overrides it.");
  public static final ConfigKey<Duration> PENDING_ALERT_AFTER = ConfigKey.withDefault(
      "hive.pending.alert.after", ConfigType.DURATION, "6h", MEDIUM,
      "A day whose partition could not be registered for this long (the metastore down or refusing) raises"
          + " a WARNING alert with the register command that makes it. Runs and merges retry it before then.")
      .validatedBy(Validator.positiveDuration());

  public static final ConfigKey<String> TOPIC_TABLE = ConfigKey.optional(
      topicKey("hive.table"), ConfigType.STRING, MEDIUM,
      "database.table of the Hive table the topic's warehouse directory is published as. The tool creates"
          + " it when missing: EXTERNAL, Avro SerDe, the schema of the newest daily file, partitioned by"
          + " hive.partition.column, located at <etl.warehouse.root>/<topic>. An existing table that does not"
          + " match is refused (the alert says what differs), never altered. Needs hive.metastore.uris."
          + " Absent: the topic is not published.")
      .validatedBy(t -> t.matches("[A-Za-z0-9_]+\\.[A-Za-z0-9_]+") ? Optional.empty()
          : Optional.of("must be database.table, each letters, digits or _"));
  public static final ConfigKey<String> TOPIC_PARTITION_COLUMN = ConfigKey.withDefault(
      topicKey("hive.partition.column"), ConfigType.STRING, "dt", LOW,
      "Name of the table's partition column, a string holding the date directory's yyyy-MM-dd.")
      .validatedBy(c -> c.matches("[A-Za-z_][A-Za-z0-9_]*") ? Optional.empty()
          : Optional.of("must be a column name (a letter or _, then letters, digits or _)"));
  public static final ConfigKey<HiveRegisterWhen> TOPIC_REGISTER_WHEN = ConfigKey.optional(
      topicKey("hive.register.when"), ConfigType.enumOf(HiveRegisterWhen.class), LOW,
      "This topic's hive.register.when. Absent: the global value.");

  private static final List<ConfigKey<?>> GLOBAL_KEYS = List.of(
      METASTORE_URIS, METASTORE_SASL_ENABLED, METASTORE_KERBEROS_PRINCIPAL, METASTORE_TIMEOUT, REGISTER_WHEN,
      PENDING_ALERT_AFTER);
  private static final List<ConfigKey<?>> TOPIC_KEYS = List.of(TOPIC_TABLE, TOPIC_PARTITION_COLUMN, TOPIC_REGISTER_WHEN);

  private HiveConfigDef() {}

  /** The global hive.* keys, in documentation order. */
  public static List<ConfigKey<?>> globalKeys() {
    return GLOBAL_KEYS;
  }

  /** The per-topic hive.* keys, named with the {@link ConfigKey#TOPIC} placeholder. */
  public static List<ConfigKey<?>> topicKeys() {
    return TOPIC_KEYS;
  }

  private static String topicKey(String suffix) {
    return EtlConfigDef.TOPIC_PREFIX + TOPIC + "." + suffix;
  }
}
