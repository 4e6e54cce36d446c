package research;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.*;
import java.util.*;

public class HmsProbe {
  public static void main(String[] a) throws Exception {
    String uri = a.length > 0 ? a[0] : "thrift://127.0.0.1:19083";
    String loc = a.length > 1 ? a[1] : "file:///tmp/research-hive/data/clicks";
    Configuration conf = new Configuration(false);
    conf.set("metastore.thrift.uris", uri);
    long t0 = System.nanoTime();
    HiveMetaStoreClient c = new HiveMetaStoreClient(conf);
    System.out.printf("connected in %d ms; databases %s%n", (System.nanoTime() - t0) / 1_000_000, c.getAllDatabases());
    try { c.createDatabase(new Database("etl", "kafka-etl", null, new HashMap<>())); } catch (AlreadyExistsException e) { }
    String avsc = "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"t\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"page\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
    StorageDescriptor sd = new StorageDescriptor();
    sd.setCols(List.of(new FieldSchema("id", "bigint", ""), new FieldSchema("page", "string", "")));
    sd.setLocation(loc);
    sd.setInputFormat("org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat");
    sd.setOutputFormat("org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat");
    SerDeInfo serde = new SerDeInfo("avro", "org.apache.hadoop.hive.serde2.avro.AvroSerDe", new HashMap<>(Map.of("avro.schema.literal", avsc)));
    sd.setSerdeInfo(serde);
    sd.setParameters(new HashMap<>());
    Table t = new Table();
    t.setDbName("etl"); t.setTableName("clicks"); t.setOwner("kafka-etl");
    t.setTableType("EXTERNAL_TABLE");
    t.setParameters(new HashMap<>(Map.of("EXTERNAL", "TRUE", "avro.schema.literal", avsc)));
    t.setPartitionKeys(List.of(new FieldSchema("dt", "string", "")));
    t.setSd(sd);
    long t1 = System.nanoTime();
    try { c.dropTable("etl", "clicks", false, true); } catch (Exception e) { }
    c.createTable(t);
    for (String day : List.of("2026-12-01", "2026-12-02")) {
      Partition p = new Partition();
      p.setDbName("etl"); p.setTableName("clicks"); p.setValues(List.of(day));
      StorageDescriptor psd = new StorageDescriptor(sd);
      psd.setLocation(loc + "/" + day);
      p.setSd(psd);
      p.setParameters(new HashMap<>(Map.of("kafka-etl.complete", "true")));
      c.add_partition(p);
    }
    System.out.printf("create table + add partition in %d ms%n", (System.nanoTime() - t1) / 1_000_000);
    Table back = c.getTable("etl", "clicks");
    System.out.println("table: type=" + back.getTableType() + " loc=" + back.getSd().getLocation() + " serde=" + back.getSd().getSerdeInfo().getSerializationLib() + " partKeys=" + back.getPartitionKeys());
    for (Partition q : c.listPartitions("etl", "clicks", (short) -1))
      System.out.println("partition " + q.getValues() + " loc=" + q.getSd().getLocation() + " params=" + q.getParameters());
    // alter partition parameters (late-data revision)
    Partition q = c.getPartition("etl", "clicks", List.of("2026-12-01"));
    q.getParameters().put("kafka-etl.revision", "2");
    c.alter_partition("etl", "clicks", q, null);
    System.out.println("after alter: " + c.getPartition("etl", "clicks", List.of("2026-12-01")).getParameters());
    c.close();
  }
}
