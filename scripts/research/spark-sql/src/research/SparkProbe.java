package research;

import org.apache.spark.sql.*;

public class SparkProbe {
  public static void main(String[] a) throws Exception {
    long t0 = System.nanoTime();
    SparkSession spark = SparkSession.builder()
        .master("local[1]").appName("probe")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.hadoop.hive.metastore.uris", a.length > 0 ? a[0] : "thrift://127.0.0.1:19083")
        .config("spark.sql.warehouse.dir", "file:///tmp/research-spark/warehouse")
        .config("spark.sql.hive.metastore.version", System.getProperty("hms.version", "2.3.10"))
        .config("spark.sql.hive.metastore.jars", System.getProperty("hms.jars", "builtin"))
        .config("spark.sql.hive.metastore.jars.path", System.getProperty("hms.jars.path", ""))
        .enableHiveSupport().getOrCreate();
    System.out.printf("session in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    long t1 = System.nanoTime();
    spark.sql("show partitions etl.clicks").show(false);
    spark.sql("select dt, count(*) c, count(page) with_page from etl.clicks group by dt order by dt").show(false);
    spark.sql("select * from etl.clicks order by dt, id").show(false);
    System.out.printf("queries in %d ms%n", (System.nanoTime() - t1) / 1_000_000);
    spark.stop();
  }
}
