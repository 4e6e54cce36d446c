package org.kafkaetl.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which topics are published as Hive tables, and how to reach the metastore. Never shipped to tasks:
 * only the client (after a merge, and the register command) talks to the metastore.
 *
 * @param metastoreUris Thrift URIs, tried in order; empty when no topic is published
 * @param saslEnabled whether the metastore wants Kerberos on its Thrift port
 * @param kerberosPrincipal the metastore's service principal, when SASL is on
 * @param timeout longest one metastore call waits
 * @param pendingAlertAfter how long a registration may stay unmade before it alerts
 * @param tables per published topic, its table
 */
public record HiveSettings(List<String> metastoreUris, boolean saslEnabled, Optional<String> kerberosPrincipal,
    Duration timeout, Duration pendingAlertAfter, Map<String, HiveTable> tables) {

  /** Nothing published. */
  public static final HiveSettings NONE =
      new HiveSettings(List.of(), false, Optional.empty(), Duration.ofSeconds(30), Duration.ofHours(6), Map.of());

  public HiveSettings {
    metastoreUris = List.copyOf(metastoreUris);
    Objects.requireNonNull(kerberosPrincipal, "kerberosPrincipal");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(pendingAlertAfter, "pendingAlertAfter");
    tables = java.util.Collections.unmodifiableMap(new TreeMap<>(tables));
    if (!tables.isEmpty() && metastoreUris.isEmpty()) {
      throw new IllegalArgumentException("topics " + tables.keySet() + " are published but no metastore URI is set");
    }
  }

  /** The table a topic is published as, if it is. */
  public Optional<HiveTable> table(String topic) {
    return Optional.ofNullable(tables.get(topic));
  }

  public boolean enabled() {
    return !tables.isEmpty();
  }

  /**
   * One topic's table.
   *
   * @param database the metastore database
   * @param name the table's name in it
   * @param partitionColumn the string column holding the day, yyyy-MM-dd
   * @param registerWhen when a day becomes a partition
   */
  public record HiveTable(String database, String name, String partitionColumn, HiveRegisterWhen registerWhen) {
    public HiveTable {
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(partitionColumn, "partitionColumn");
      Objects.requireNonNull(registerWhen, "registerWhen");
    }

    /** database.table, as it is configured and as SQL names it. */
    public String qualifiedName() {
      return database + "." + name;
    }
  }
}
