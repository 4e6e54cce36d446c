package org.kafkaetl.hive;

import java.time.LocalDate;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.config.HiveSettings;

/** The line {@code status --topic T --date D} shows about the day's partition in the metastore. */
public final class PartitionStatus {
  private PartitionStatus() {}

  /** From the database's record only: status never calls the metastore. */
  public static String describe(HiveSettings.HiveTable table, String topic, LocalDate day, PartitionRegistry registry,
      FixCommands fix) {
    String partition = "Hive partition " + table.qualifiedName() + " " + table.partitionColumn() + "=" + day + ": ";
    try {
      var waiting = registry.pending().stream().filter(p -> p.topic().equals(topic) && p.day().equals(day)).findFirst();
      if (waiting.isPresent()) {
        return partition + "waiting since " + waiting.get().since() + " to be registered (" + waiting.get().reason()
            + "); the next run retries, or: " + fix.register(topic, day);
      }
      return partition + registry.registered(topic, day)
          .map(r -> "registered, " + (r.complete() ? "complete, revision " + r.revision() + ", " + r.records() + " records"
              : "not complete yet"))
          .orElse("not registered (it is once the day is complete; earlier days: " + fix.register(topic, day) + ")");
    } catch (EtlException e) {
      return partition + "unknown: " + e.getMessage();
    }
  }
}
