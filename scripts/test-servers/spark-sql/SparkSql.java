import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one SQL query with Spark SQL 4.0.1 (local mode, Hive support) against a Hive 4 metastore and prints each
 * row as "row" and its values, tab-separated. Started by the Hive registration test as a child JVM in
 * source-file mode: java -cp '<spark lib>/*' SparkSql.java thrift://host:port "SELECT ..." <hive4 client jars>
 * Spark's built-in Hive 2.3 client cannot talk to a Hive 4 metastore (no get_table), so the Hive 4.0.1 client
 * jars are given as spark.sql.hive.metastore.jars.path.
 */
public final class SparkSql {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder()
        .master("local[1]").appName("kafka-etl-it")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.hadoop.hive.metastore.uris", args[0])
        .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/spark-warehouse")
        .config("spark.sql.hive.metastore.version", "4.0.1")
        .config("spark.sql.hive.metastore.jars", "path")
        .config("spark.sql.hive.metastore.jars.path", args[2])
        .enableHiveSupport().getOrCreate();
    try {
      List<Row> rows = spark.sql(args[1]).collectAsList();
      for (Row row : rows) {
        StringBuilder line = new StringBuilder("row");
        for (int i = 0; i < row.length(); i++) {
          line.append('\t').append(row.get(i));
        }
        System.out.println(line);
      }
    } finally {
      spark.stop();
    }
  }
}
