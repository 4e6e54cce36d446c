package org.kafkaetl.hive;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.kafkaetl.core.config.HiveSettings;

/**
 * The table publishing creates for a topic, and what an existing one must have in common with it: EXTERNAL,
 * Avro SerDe and formats, the topic's directory, one string partition column. The schema is not part of
 * the layout: it moves with the topic (see {@link DayPublisher}).
 */
final class TableDesign {
  static final String SERDE = "org.apache.hadoop.hive.serde2.avro.AvroSerDe";
  static final String INPUT_FORMAT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat";
  static final String OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat";

  private TableDesign() {}

  /**
   * @param location the topic's warehouse directory as a full URI
   * @throws TableRefusedException when the schema has a field named like the partition column
   */
  static CatalogTable of(HiveSettings.HiveTable table, String location, Schema schema) {
    List<CatalogTable.Column> columns = AvroHiveColumns.of(schema);
    if (columns.stream().anyMatch(c -> c.name().equalsIgnoreCase(table.partitionColumn()))) {
      throw new TableRefusedException(table.qualifiedName() + ": the schema " + schema.getFullName() + " has a field named "
          + table.partitionColumn() + " like the partition column; set another hive.partition.column for the topic");
    }
    return new CatalogTable(table.database(), table.name(), true, location, SERDE, INPUT_FORMAT, OUTPUT_FORMAT,
        List.of(new CatalogTable.Column(table.partitionColumn(), "string")), columns, schema.toString());
  }

  /** What of the layout differs, one phrase each ("location: X, expected Y"); empty when it matches. */
  static List<String> differences(CatalogTable existing, CatalogTable expected) {
    List<String> out = new ArrayList<>();
    if (!existing.external()) {
      out.add("it is a managed table, expected EXTERNAL (dropping a managed table deletes the warehouse files)");
    }
    differ(out, "location", normalized(existing.location()), normalized(expected.location()));
    differ(out, "SerDe", existing.serde(), expected.serde());
    differ(out, "input format", existing.inputFormat(), expected.inputFormat());
    differ(out, "output format", existing.outputFormat(), expected.outputFormat());
    differ(out, "partition columns", text(existing.partitionColumns()), text(expected.partitionColumns()));
    return out;
  }

  private static void differ(List<String> out, String what, String actual, String expected) {
    if (!Objects.equals(actual, expected)) {
      out.add(what + ": " + actual + ", expected " + expected);
    }
  }

  private static String text(List<CatalogTable.Column> columns) {
    return columns.stream().map(c -> c.name() + " " + c.type()).collect(java.util.stream.Collectors.joining(", ", "(", ")"));
  }

  private static String normalized(String location) {
    return location == null || !location.endsWith("/") ? location : location.substring(0, location.length() - 1);
  }
}
