package org.kafkaetl.hive;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.config.HiveRegisterWhen;
import org.kafkaetl.core.config.HiveSettings;

/**
 * Makes one day of a topic a partition of the topic's table, as the warehouse shows the day now: creates
 * the table if missing (refusing one that does not match), moves its schema to the topic's newest one when
 * that can read the old, and adds or alters the partition with its location and the day's parameters. A
 * day whose registration is already what the warehouse shows costs no metastore call; a failure is kept in
 * the registry for the next pass.
 */
public final class DayPublisher {
  public static final String COMPLETE = "kafka-etl.complete";
  public static final String REVISION = "kafka-etl.revision";
  public static final String RECORDS = "kafka-etl.records";

  private final HiveSettings settings;
  private final WarehouseDays days;
  private final Supplier<TableCatalog> catalogs;
  private final PartitionRegistry registry;
  private final Clock clock;

  /** @param catalogs opens a catalog connection per publish, only when there is something to tell it */
  public DayPublisher(HiveSettings settings, org.apache.hadoop.fs.FileSystem warehouseFs,
      org.kafkaetl.core.layout.WarehouseLayout layout, Supplier<TableCatalog> catalogs, PartitionRegistry registry,
      Clock clock) {
    this.settings = settings;
    this.days = new WarehouseDays(warehouseFs, layout);
    this.catalogs = catalogs;
    this.registry = registry;
    this.clock = clock;
  }

  /** What one publish did. {@code reason} says why a day was not registered, when it was not. */
  public record Outcome(Result result, String reason) {}

  /** The kinds of outcome. */
  public enum Result {
    /** The topic has no table. */
    NOT_PUBLISHED,
    /** The day has no data yet, or is not complete and the topic waits for completion. */
    NOT_READY,
    /** The partition already says what the day holds. */
    UNCHANGED,
    REGISTERED,
    /** Could not be registered (the catalog did not answer); kept in the registry for the next pass. */
    PENDING,
    /**
     * The catalog answered no (a table that does not match, a schema that cannot read the old files); kept in the
     * registry like a pending day, but it needs a person.
     */
    REFUSED
  }

  /**
   * @throws EtlException only when the registry (the database) cannot be used either; a catalog
   *     problem is an outcome, never an exception
   */
  public Outcome publish(String topic, LocalDate date) {
    return publish(topic, date, false);
  }

  /**
   * @param askCatalog look at the table and partition in the catalog even when the database says the
   *     day is registered as it is: a person asking (the register command) may be mending a partition
   *     dropped or a table changed by hand, which the database cannot know of
   * @throws EtlException only when the registry (the database) cannot be used either
   */
  public Outcome publish(String topic, LocalDate date, boolean askCatalog) {
    Optional<HiveSettings.HiveTable> table = settings.table(topic);
    if (table.isEmpty()) {
      return new Outcome(Result.NOT_PUBLISHED, topic + " has no hive.table");
    }
    WarehouseDays.Day day = days.day(topic, date);
    if (!day.hasData() || (!day.complete() && table.get().registerWhen() == HiveRegisterWhen.COMPLETE)) {
      return new Outcome(Result.NOT_READY, topic + " " + date + (day.hasData() ? " is not complete" : " has no merged data"));
    }
    PartitionRegistry.Registered wanted = new PartitionRegistry.Registered(day.complete(), day.revision(), day.records());
    boolean waiting = registry.pending().stream().anyMatch(p -> p.topic().equals(topic) && p.day().equals(date));
    boolean known = !waiting && registry.registered(topic, date).filter(wanted::equals).isPresent();
    if (known && !askCatalog) {
      return new Outcome(Result.UNCHANGED, "");
    }
    boolean changed;
    try (TableCatalog catalog = catalogs.get()) {
      changed = ensureTable(catalog, topic, table.get()) | register(catalog, table.get(), date, day, wanted);
    } catch (TableRefusedException e) {
      registry.markPending(topic, date, table.get().qualifiedName(), e.getMessage(), clock.instant());
      return new Outcome(Result.REFUSED, e.getMessage());
    } catch (EtlException e) {
      registry.markPending(topic, date, table.get().qualifiedName(), e.getMessage(), clock.instant());
      return new Outcome(Result.PENDING, e.getMessage());
    }
    if (!changed && known) {
      return new Outcome(Result.UNCHANGED, "");
    }
    registry.markRegistered(topic, date, table.get().qualifiedName(), wanted, clock.instant());
    return new Outcome(Result.REGISTERED, "");
  }

  /** @return whether the partition was added or altered */
  private boolean register(TableCatalog catalog, HiveSettings.HiveTable table, LocalDate date, WarehouseDays.Day day,
      PartitionRegistry.Registered wanted) {
    Map<String, String> parameters = Map.of(COMPLETE, String.valueOf(wanted.complete()),
        REVISION, String.valueOf(wanted.revision()), RECORDS, String.valueOf(wanted.records()));
    Optional<CatalogPartition> existing = catalog.partition(table.database(), table.name(), date.toString());
    // a pass that died after the metastore took the partition and before the database recorded it
    // finds it here and does not register it again
    if (existing.isPresent() && existing.get().location().equals(day.location())
        && existing.get().parameters().entrySet().containsAll(parameters.entrySet())) {
      return false;
    }
    java.util.Map<String, String> merged = new java.util.HashMap<>(existing.map(CatalogPartition::parameters).orElse(Map.of()));
    merged.putAll(parameters);
    catalog.putPartition(table.database(), table.name(), new CatalogPartition(date.toString(), day.location(), merged),
        existing.isPresent());
    return true;
  }

  /** @return whether the table was created or its schema moved */
  private boolean ensureTable(TableCatalog catalog, String topic, HiveSettings.HiveTable table) {
    Schema schema = days.newestSchema(topic).orElseThrow(() -> new TableRefusedException(
        topic + " has no daily file to take the table's schema from"));
    CatalogTable expected = TableDesign.of(table, days.topicLocation(topic), schema);
    Optional<CatalogTable> existing = catalog.table(table.database(), table.name());
    if (existing.isEmpty()) {
      catalog.createTable(expected);
      return true;
    }
    List<String> differences = TableDesign.differences(existing.get(), expected);
    if (!differences.isEmpty()) {
      throw new TableRefusedException(table.qualifiedName() + " exists but is not the table of " + topic + ": "
          + String.join("; ", differences) + ". It is left as it is: make it match, drop it, or set topic." + topic
          + ".hive.table to another name");
    }
    Optional<Schema> current = tableSchema(existing.get());
    if (current.filter(schema::equals).isPresent()) {
      return false;
    }
    if (current.isPresent() && SchemaCompatibility.checkReaderWriterCompatibility(schema, current.get())
        .getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      throw new TableRefusedException(table.qualifiedName() + ": the newest schema of " + topic + " cannot read files"
          + " written with the table's schema, so the table keeps its schema and the day is not registered");
    }
    catalog.replaceSchema(table.database(), table.name(), expected);
    return true;
  }

  /** Empty when the table has no avro.schema.literal (it then simply gets the topic's). */
  static Optional<Schema> tableSchema(CatalogTable table) {
    if (table.avroSchema() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Schema.Parser().parse(table.avroSchema()));
    } catch (org.apache.avro.SchemaParseException e) {
      throw new TableRefusedException(table.qualifiedName() + " has an avro.schema.literal that is no Avro schema ("
          + e.getMessage() + "); it is left as it is");
    }
  }
}
