package org.kafkaetl.cli;

import java.io.IOException;
import java.time.Clock;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.merge.DailyMerge;
import org.kafkaetl.merge.WorkCleanup;
import org.kafkaetl.offsets.JdbcAlertHistory;
import org.kafkaetl.offsets.JdbcMergeLedger;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.alerts.AlertSenders;
import org.kafkaetl.core.alert.AlertSender;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.mapreduce.driver.HourlyRun;
import org.kafkaetl.mapreduce.driver.Rerun;
import org.kafkaetl.mapreduce.driver.SchemaFiles;
import org.kafkaetl.mapreduce.job.EtlJobRunner;
import org.kafkaetl.mapreduce.job.HdfsClientDefaults;
import org.kafkaetl.mapreduce.kafka.KafkaOffsetsReader;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcOffsetStore;
import org.kafkaetl.offsets.MySqlRunLock;

/** Wires the real implementations of the boundaries from one configuration. */
final class Components implements AutoCloseable {
  private static final long KAFKA_TIMEOUT_MS = 30_000;

  private final EtlConfig config;
  private final Configuration hadoopConf;
  private final Database database;
  private final AlertSender alerts;
  private KafkaOffsetsReader kafka;

  private Components(EtlConfig config, Configuration hadoopConf) {
    this.config = config;
    // before any file system is created from it: the driver's, the merge's and (through the job) the tasks'
    this.hadoopConf = HdfsClientDefaults.apply(new Configuration(hadoopConf));
    this.database = new Database(config.jdbcUrl(), config.dbUser(), config.dbPassword().value());
    this.alerts = AlertSenders.from(config.alerts(), new JdbcAlertHistory(database), Clock.systemUTC());
  }

  /** Validates what can be validated before anything is touched: schemas, then the database. */
  static Components create(EtlConfig config, Configuration hadoopConf) {
    Components components = new Components(config, hadoopConf);
    components.database.migrate();
    return components;
  }

  HourlyRun hourlyRun() {
    kafka = new KafkaOffsetsReader(config.kafkaClientProperties(), KAFKA_TIMEOUT_MS);
    return new HourlyRun(config, new JdbcOffsetStore(database), new MySqlRunLock(database), kafka, jobRunner(),
        alerts, Clock.systemUTC());
  }

  Rerun rerun() {
    return new Rerun(config, new JdbcOffsetStore(database), new MySqlRunLock(database), jobRunner(), alerts,
        Clock.systemUTC());
  }

  EtlConfig config() {
    return config;
  }

  MergeAfterRun mergeAfterRun() {
    return new MergeAfterRun(config, warehouseFileSystem(), dailyMerge());
  }

  WorkCleanup workCleanup() {
    return new WorkCleanup(config, warehouseFileSystem(), new JdbcMergeLedger(database), new JdbcOffsetStore(database),
        Clock.systemUTC());
  }

  DailyMerge dailyMerge() {
    return new DailyMerge(config, warehouseFileSystem(), new JdbcOffsetStore(database), new JdbcMergeLedger(database),
        new MySqlRunLock(database), alerts, Clock.systemUTC());
  }

  /** The local file system's checksummed wrapper cannot append or truncate; its raw one can. */
  private FileSystem warehouseFileSystem() {
    try {
      FileSystem fs = new Path(config.warehouseRoot()).getFileSystem(hadoopConf);
      return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    } catch (IOException e) {
      throw new RetriableException("cannot reach the file system of " + config.warehouseRoot() + ": " + e.getMessage(), e);
    }
  }

  private EtlJobRunner jobRunner() {
    return new EtlJobRunner(hadoopConf, config, SchemaFiles.load(config, hadoopConf));
  }

  @Override
  public void close() {
    if (kafka != null) {
      kafka.close();
    }
  }
}
