package org.kafkaetl.hive;

import java.util.Optional;

/**
 * What publishing needs from a table catalog: read and create a table, move its schema, read, add and
 * alter a partition. Opened per publishing pass and closed after it.
 *
 * <p>Every method throws {@link CatalogUnavailableException} when the catalog could not answer
 * (unreachable, timed out, refused the call): the caller keeps the work and tries again later. Any
 * other {@link org.kafkaetl.core.EtlException} means the catalog answered no.
 */
public interface TableCatalog extends AutoCloseable {

  Optional<CatalogTable> table(String database, String name);

  /** Creates the table, and its database if missing. */
  void createTable(CatalogTable table);

  /** Replaces the Avro schema (and so the columns) of an existing table; nothing else of it changes. */
  void replaceSchema(String database, String name, CatalogTable withSchema);

  Optional<CatalogPartition> partition(String database, String table, String value);

  /** Adds the partition, or, if it exists, replaces its location and parameters. */
  void putPartition(String database, String table, CatalogPartition partition, boolean exists);

  @Override
  void close();
}
