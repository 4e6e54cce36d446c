package org.kafkaetl.hive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link TableCatalog} in memory that counts its calls and can be switched off like a metastore that is down. */
final class InMemoryCatalog {
  final Map<String, CatalogTable> tables = new TreeMap<>();
  final Map<String, CatalogPartition> partitions = new TreeMap<>();
  final List<String> writes = new ArrayList<>();
  int opened;
  boolean down;

  TableCatalog open() {
    if (down) {
      throw new CatalogUnavailableException("cannot connect to the Hive Metastore at thrift://test:9083: refused", null);
    }
    opened++;
    return new TableCatalog() {
      @Override
      public Optional<CatalogTable> table(String database, String name) {
        return Optional.ofNullable(tables.get(database + "." + name));
      }

      @Override
      public void createTable(CatalogTable table) {
        writes.add("create " + table.qualifiedName());
        tables.put(table.qualifiedName(), table);
      }

      @Override
      public void replaceSchema(String database, String name, CatalogTable withSchema) {
        writes.add("schema " + database + "." + name);
        CatalogTable t = tables.get(database + "." + name);
        tables.put(t.qualifiedName(), new CatalogTable(t.database(), t.name(), t.external(), t.location(), t.serde(),
            t.inputFormat(), t.outputFormat(), t.partitionColumns(), withSchema.columns(), withSchema.avroSchema()));
      }

      @Override
      public Optional<CatalogPartition> partition(String database, String table, String value) {
        return Optional.ofNullable(partitions.get(database + "." + table + "/" + value));
      }

      @Override
      public void putPartition(String database, String table, CatalogPartition partition, boolean exists) {
        writes.add((exists ? "alter " : "add ") + partition.value());
        partitions.put(database + "." + table + "/" + partition.value(), partition);
      }

      @Override
      public void close() {}
    };
  }
}
