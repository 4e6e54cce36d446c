package org.kafkaetl.hive;

import java.util.List;
import java.util.Objects;

/**
 * A table as publishing sees it: the parts it creates and checks.
 *
 * @param database metastore database
 * @param name table name
 * @param external whether the table is EXTERNAL (dropping it leaves the files)
 * @param location the topic's warehouse directory, a full URI (hdfs://nn:8020/etl/warehouse/clicks)
 * @param serde the SerDe class
 * @param inputFormat the input format class
 * @param outputFormat the output format class
 * @param partitionColumns name and Hive type of each partition column
 * @param columns name and Hive type of each data column
 * @param avroSchema the Avro schema readers read the files with (avro.schema.literal)
 */
public record CatalogTable(String database, String name, boolean external, String location, String serde,
    String inputFormat, String outputFormat, List<Column> partitionColumns, List<Column> columns, String avroSchema) {

  public CatalogTable {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(name, "name");
    partitionColumns = List.copyOf(partitionColumns);
    columns = List.copyOf(columns);
  }

  /** database.table */
  public String qualifiedName() {
    return database + "." + name;
  }

  /** A column: its name and Hive type (lower case, as the metastore keeps them). */
  public record Column(String name, String type) {
    public Column {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }
}
