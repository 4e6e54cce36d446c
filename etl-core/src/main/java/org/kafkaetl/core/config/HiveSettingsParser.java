package org.kafkaetl.core.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the hive.* and topic.&lt;name&gt;.hive.* keys, including the rules that tie them together. */
final class HiveSettingsParser {
  private final ConfigReader reader;

  HiveSettingsParser(ConfigReader reader) {
    this.reader = reader;
  }

  /** Null after a problem, which is then reported with the others. */
  HiveSettings parse(List<String> topics) {
    int problemsBefore = reader.problemCount();
    List<String> uris = reader.optional(HiveConfigDef.METASTORE_URIS).orElse(List.of());
    Boolean sasl = reader.value(HiveConfigDef.METASTORE_SASL_ENABLED);
    Optional<String> principal = reader.optional(HiveConfigDef.METASTORE_KERBEROS_PRINCIPAL);
    Duration timeout = reader.value(HiveConfigDef.METASTORE_TIMEOUT);
    HiveRegisterWhen when = reader.value(HiveConfigDef.REGISTER_WHEN);
    Duration alertAfter = reader.value(HiveConfigDef.PENDING_ALERT_AFTER);
    Map<String, HiveSettings.HiveTable> tables = new LinkedHashMap<>();
    for (String topic : topics) {
      table(topic, when).ifPresent(t -> tables.put(topic, t));
    }
    if (!tables.isEmpty() && uris.isEmpty() && !reader.isSet(HiveConfigDef.METASTORE_URIS)) {
      reader.problem(HiveConfigDef.METASTORE_URIS.name(), "is required because " + tables.keySet().stream()
          .map(t -> HiveConfigDef.TOPIC_TABLE.forTopic(t).name()).toList() + " set a table");
    }
    if (Boolean.TRUE.equals(sasl) && principal.isEmpty() && !reader.isSet(HiveConfigDef.METASTORE_KERBEROS_PRINCIPAL)) {
      reader.problem(HiveConfigDef.METASTORE_KERBEROS_PRINCIPAL.name(), "is required because "
          + HiveConfigDef.METASTORE_SASL_ENABLED.name() + " is true");
    }
    if (reader.problemCount() > problemsBefore) {
      return null;
    }
    return new HiveSettings(uris, sasl, principal, timeout, alertAfter, tables);
  }

  private Optional<HiveSettings.HiveTable> table(String topic, HiveRegisterWhen defaultWhen) {
    Optional<String> qualified = reader.optional(HiveConfigDef.TOPIC_TABLE.forTopic(topic));
    String column = reader.value(HiveConfigDef.TOPIC_PARTITION_COLUMN.forTopic(topic));
    Optional<HiveRegisterWhen> when = reader.optional(HiveConfigDef.TOPIC_REGISTER_WHEN.forTopic(topic));
    if (qualified.isEmpty() || column == null || defaultWhen == null) {
      return Optional.empty();
    }
    String[] parts = qualified.get().split("\\.", 2);
    return Optional.of(new HiveSettings.HiveTable(parts[0], parts[1], column, when.orElse(defaultWhen)));
  }
}
