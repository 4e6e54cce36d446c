package org.kafkaetl.hive;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.hadoop.fs.FileSystem;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.audit.Finding;
import org.kafkaetl.core.config.HiveRegisterWhen;
import org.kafkaetl.core.config.HiveSettings;
import org.kafkaetl.core.layout.WarehouseLayout;

/**
 * The audit's look at what readers of a topic's Hive table see of one day: the table is the one
 * publishing makes, its schema reads every daily file of the day and has a column for each of their
 * fields, and the day's partition is there as the day is (its directory, the completion marker's
 * revision) — or absent while the day is not ready. Reads only.
 */
public final class TableAudit {
  private final HiveSettings settings;
  private final WarehouseDays days;
  private final Supplier<TableCatalog> catalogs;
  private final FixCommands fix;

  public TableAudit(HiveSettings settings, FileSystem warehouseFs, WarehouseLayout layout,
      Supplier<TableCatalog> catalogs, FixCommands fix) {
    this.settings = settings;
    this.days = new WarehouseDays(warehouseFs, layout);
    this.catalogs = catalogs;
    this.fix = fix;
  }

  /**
   * What was found, and notes: a topic without a table, or a catalog that did not answer, is a note
   * (the data's own checks stand without it).
   */
  public record Result(List<Finding> findings, List<String> notes) {
    public Result {
      findings = List.copyOf(findings);
      notes = List.copyOf(notes);
    }
  }

  public Result check(String topic, LocalDate date) {
    Optional<HiveSettings.HiveTable> table = settings.table(topic);
    if (table.isEmpty()) {
      return new Result(List.of(), List.of());
    }
    String name = table.get().qualifiedName();
    List<Finding> found = new ArrayList<>();
    try (TableCatalog catalog = catalogs.get()) {
      Optional<CatalogTable> existing = catalog.table(table.get().database(), table.get().name());
      if (existing.isEmpty()) {
        found.add(new Finding(Finding.Kind.TABLE, Finding.NO_PARTITION, "table " + name, "does not exist; "
            + fix.register(topic, date) + " creates it"));
        return new Result(found, List.of());
      }
      checkLayout(topic, table.get(), existing.get(), found);
      checkSchema(topic, date, existing.get(), found);
      checkPartition(topic, date, table.get(), catalog, found);
    } catch (CatalogUnavailableException e) {
      return new Result(List.of(), List.of("the Hive table " + name + " was not checked: " + e.getMessage()));
    } catch (TableRefusedException e) {
      found.add(new Finding(Finding.Kind.TABLE_SCHEMA, Finding.NO_PARTITION, "table " + name, e.getMessage()));
    } catch (EtlException e) {
      return new Result(found, List.of("the Hive table " + name + " was not checked: " + e.getMessage()));
    }
    return new Result(found, List.of());
  }

  private void checkLayout(String topic, HiveSettings.HiveTable table, CatalogTable existing, List<Finding> found) {
    // the schema does not matter to the layout: the existing one stands in for it
    CatalogTable expected = new CatalogTable(table.database(), table.name(), true, days.topicLocation(topic),
        TableDesign.SERDE, TableDesign.INPUT_FORMAT, TableDesign.OUTPUT_FORMAT,
        List.of(new CatalogTable.Column(table.partitionColumn(), "string")), existing.columns(), existing.avroSchema());
    List<String> differences = TableDesign.differences(existing, expected);
    if (!differences.isEmpty()) {
      found.add(new Finding(Finding.Kind.TABLE, Finding.NO_PARTITION, "table " + table.qualifiedName(),
          "is not the table of " + topic + ": " + String.join("; ", differences)));
    }
  }

  private void checkSchema(String topic, LocalDate date, CatalogTable table, List<Finding> found) {
    Optional<Schema> tableSchema = DayPublisher.tableSchema(table);
    if (tableSchema.isEmpty()) {
      found.add(new Finding(Finding.Kind.TABLE_SCHEMA, Finding.NO_PARTITION, "table " + table.qualifiedName(),
          "has no avro.schema.literal"));
      return;
    }
    for (WarehouseDays.DailyFile file : days.dailyFiles(topic, date)) {
      String where = "daily file " + date + "/" + file.name();
      SchemaCompatibility.SchemaPairCompatibility read =
          SchemaCompatibility.checkReaderWriterCompatibility(tableSchema.get(), file.schema());
      if (read.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        found.add(new Finding(Finding.Kind.TABLE_SCHEMA, Finding.NO_PARTITION, where, "the schema of table "
            + table.qualifiedName() + " cannot read it: " + read.getResult().getIncompatibilities().stream()
            .map(i -> i.getMessage() + " at " + i.getLocation()).toList()));
        continue;
      }
      List<String> unseen = file.schema().getType() != Schema.Type.RECORD ? List.of() : file.schema().getFields()
          .stream().map(Schema.Field::name).filter(f -> tableSchema.get().getField(f) == null).toList();
      if (!unseen.isEmpty()) {
        found.add(new Finding(Finding.Kind.TABLE_SCHEMA, Finding.NO_PARTITION, where, "fields " + unseen
            + " have no column in table " + table.qualifiedName() + ", so its readers do not see them; "
            + fix.register(topic, date) + " moves the table to the topic's newest schema"));
      }
    }
  }

  private void checkPartition(String topic, LocalDate date, HiveSettings.HiveTable table, TableCatalog catalog,
      List<Finding> found) {
    WarehouseDays.Day day = days.day(topic, date);
    Optional<CatalogPartition> partition = catalog.partition(table.database(), table.name(), date.toString());
    boolean due = day.complete() || (day.hasData() && table.registerWhen() == HiveRegisterWhen.MERGED);
    String where = "partition " + table.partitionColumn() + "=" + date + " of " + table.qualifiedName();
    if (partition.isEmpty()) {
      if (due) {
        found.add(new Finding(Finding.Kind.TABLE_PARTITION, Finding.NO_PARTITION, where, "is missing although the day"
            + (day.complete() ? " is complete" : " has merged data") + "; " + fix.register(topic, date) + " adds it"));
      }
      return;
    }
    List<String> wrong = new ArrayList<>();
    if (!normalized(partition.get().location()).equals(normalized(day.location()))) {
      wrong.add("location " + partition.get().location() + ", expected " + day.location());
    }
    String complete = partition.get().parameters().get(DayPublisher.COMPLETE);
    if ("true".equals(complete) && !day.complete()) {
      wrong.add("it says the day is complete but the day has no completion marker");
    }
    if (day.complete() && !String.valueOf(day.revision()).equals(partition.get().parameters().get(DayPublisher.REVISION))) {
      wrong.add("revision " + partition.get().parameters().get(DayPublisher.REVISION) + ", the day's marker says "
          + day.revision() + " (readers' caches do not know of the change)");
    }
    if (!wrong.isEmpty()) {
      found.add(new Finding(Finding.Kind.TABLE_PARTITION, Finding.NO_PARTITION, where, String.join("; ", wrong)
          + "; " + fix.register(topic, date) + " brings it up to date"));
    }
  }

  private static String normalized(String location) {
    return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
  }
}
