package org.kafkaetl.hive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.AlreadyExistsException;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.GetTableRequest;
import org.apache.hadoop.hive.metastore.api.InvalidObjectException;
import org.apache.hadoop.hive.metastore.api.InvalidOperationException;
import org.apache.hadoop.hive.metastore.api.NoSuchObjectException;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.thrift.TException;
import org.kafkaetl.core.config.HiveSettings;

/**
 * {@link TableCatalog} over a Hive Metastore's Thrift API ({@link HiveMetaStoreClient} of Hive 4). One
 * connection, opened by the constructor; a call that fails for any reason but "no such object" or
 * "invalid object" is reported as unavailable, since the caller only keeps the work for later either way.
 */
public final class ThriftTableCatalog implements TableCatalog {
  static final String AVRO_SCHEMA_LITERAL = "avro.schema.literal";
  private static final String OWNER = "kafka-etl";

  private final HiveMetaStoreClient client;
  private final String uris;

  /** @throws CatalogUnavailableException when no metastore of {@code settings} answers */
  public ThriftTableCatalog(HiveSettings settings) {
    this.uris = String.join(",", settings.metastoreUris());
    Configuration conf = new Configuration(false);
    conf.set("metastore.thrift.uris", uris);
    conf.set("metastore.client.socket.timeout", settings.timeout().toSeconds() + "s");
    // one pass over the URIs: a metastore that is down costs the merge seconds, and the next run retries
    conf.set("metastore.connect.retries", "1");
    conf.set("metastore.client.connect.retry.delay", "1s");
    conf.setBoolean("metastore.sasl.enabled", settings.saslEnabled());
    settings.kerberosPrincipal().ifPresent(p -> conf.set("metastore.kerberos.principal", p));
    try {
      this.client = new HiveMetaStoreClient(conf);
    } catch (TException | RuntimeException e) {
      throw new CatalogUnavailableException("cannot connect to the Hive Metastore at " + uris + ": " + message(e), e);
    }
  }

  @Override
  public Optional<CatalogTable> table(String database, String name) {
    try {
      return Optional.of(fromThrift(client.getTable(new GetTableRequest(database, name))));
    } catch (NoSuchObjectException e) {
      return Optional.empty();
    } catch (TException e) {
      throw unavailable("read table " + database + "." + name, e);
    }
  }

  @Override
  public void createTable(CatalogTable table) {
    try {
      try {
        client.createDatabase(new Database(table.database(), "created by kafka-etl", null, new HashMap<>()));
      } catch (AlreadyExistsException e) {
        // the usual case: the database is shared by many tables
      }
      client.createTable(toThrift(table));
    } catch (InvalidObjectException | AlreadyExistsException e) {
      throw new TableRefusedException("the Hive Metastore refused to create " + table.qualifiedName() + ": " + message(e));
    } catch (TException e) {
      throw unavailable("create table " + table.qualifiedName(), e);
    }
  }

  @Override
  public void replaceSchema(String database, String name, CatalogTable withSchema) {
    try {
      Table existing = client.getTable(new GetTableRequest(database, name));
      existing.getParameters().put(AVRO_SCHEMA_LITERAL, withSchema.avroSchema());
      existing.getSd().getSerdeInfo().getParameters().put(AVRO_SCHEMA_LITERAL, withSchema.avroSchema());
      existing.getSd().setCols(fields(withSchema.columns()));
      client.alter_table(database, name, existing);
    } catch (InvalidOperationException e) {
      throw new TableRefusedException("the Hive Metastore refused the new schema of " + database + "." + name + ": "
          + message(e));
    } catch (TException e) {
      throw unavailable("alter the schema of " + database + "." + name, e);
    }
  }

  @Override
  public Optional<CatalogPartition> partition(String database, String table, String value) {
    try {
      Partition p = client.getPartition(database, table, List.of(value));
      return Optional.of(new CatalogPartition(value, p.getSd().getLocation(),
          p.getParameters() == null ? Map.of() : p.getParameters()));
    } catch (NoSuchObjectException e) {
      return Optional.empty();
    } catch (TException e) {
      throw unavailable("read partition " + value + " of " + database + "." + table, e);
    }
  }

  @Override
  public void putPartition(String database, String table, CatalogPartition partition, boolean exists) {
    try {
      Table t = client.getTable(new GetTableRequest(database, table));
      Partition p = new Partition();
      p.setDbName(database);
      p.setTableName(table);
      p.setValues(List.of(partition.value()));
      StorageDescriptor sd = new StorageDescriptor(t.getSd());
      sd.setLocation(partition.location());
      p.setSd(sd);
      p.setParameters(new HashMap<>(partition.parameters()));
      if (exists) {
        client.alter_partition(database, table, p, null);
      } else {
        client.add_partition(p);
      }
    } catch (InvalidObjectException | InvalidOperationException | AlreadyExistsException e) {
      throw new TableRefusedException("the Hive Metastore refused partition " + partition.value() + " of " + database
          + "." + table + ": " + message(e));
    } catch (TException e) {
      throw unavailable((exists ? "alter" : "add") + " partition " + partition.value() + " of " + database + "." + table, e);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  private CatalogUnavailableException unavailable(String what, TException e) {
    return new CatalogUnavailableException("cannot " + what + " in the Hive Metastore at " + uris + ": " + message(e), e);
  }

  /** The first line: the client puts whole stack traces into some messages (a failed connect's). */
  private static String message(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline).strip();
  }

  private static Table toThrift(CatalogTable table) {
    StorageDescriptor sd = new StorageDescriptor();
    sd.setCols(fields(table.columns()));
    sd.setLocation(table.location());
    sd.setInputFormat(table.inputFormat());
    sd.setOutputFormat(table.outputFormat());
    sd.setSerdeInfo(new SerDeInfo("avro", table.serde(), new HashMap<>(Map.of(AVRO_SCHEMA_LITERAL, table.avroSchema()))));
    sd.setParameters(new HashMap<>());
    Table t = new Table();
    t.setDbName(table.database());
    t.setTableName(table.name());
    t.setOwner(OWNER);
    t.setTableType(table.external() ? "EXTERNAL_TABLE" : "MANAGED_TABLE");
    Map<String, String> parameters = new HashMap<>(Map.of(AVRO_SCHEMA_LITERAL, table.avroSchema()));
    if (table.external()) {
      parameters.put("EXTERNAL", "TRUE");
    }
    t.setParameters(parameters);
    t.setPartitionKeys(fields(table.partitionColumns()));
    t.setSd(sd);
    return t;
  }

  private static CatalogTable fromThrift(Table t) {
    StorageDescriptor sd = t.getSd();
    Map<String, String> serdeParameters = sd.getSerdeInfo() == null || sd.getSerdeInfo().getParameters() == null
        ? Map.of() : sd.getSerdeInfo().getParameters();
    Map<String, String> parameters = t.getParameters() == null ? Map.of() : t.getParameters();
    String schema = parameters.getOrDefault(AVRO_SCHEMA_LITERAL, serdeParameters.get(AVRO_SCHEMA_LITERAL));
    boolean external = "EXTERNAL_TABLE".equals(t.getTableType())
        || "TRUE".equalsIgnoreCase(parameters.get("EXTERNAL"));
    return new CatalogTable(t.getDbName(), t.getTableName(), external, sd.getLocation(),
        sd.getSerdeInfo() == null ? null : sd.getSerdeInfo().getSerializationLib(), sd.getInputFormat(),
        sd.getOutputFormat(), columns(t.getPartitionKeys()), columns(sd.getCols()), schema);
  }

  private static List<FieldSchema> fields(List<CatalogTable.Column> columns) {
    List<FieldSchema> fields = new ArrayList<>();
    columns.forEach(c -> fields.add(new FieldSchema(c.name(), c.type(), "")));
    return fields;
  }

  private static List<CatalogTable.Column> columns(List<FieldSchema> fields) {
    return fields == null ? List.of()
        : fields.stream().map(f -> new CatalogTable.Column(f.getName(), f.getType())).toList();
  }
}
