package org.kafkaetl.cli;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import java.util.List;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.audit.KafkaConsumerSource;
import org.kafkaetl.audit.TopicAudit;
import org.kafkaetl.core.audit.KafkaSource;
import org.kafkaetl.hive.DayPublisher;
import org.kafkaetl.hive.HivePublishing;
import org.kafkaetl.hive.JdbcPartitionRegistry;
import org.kafkaetl.hive.PartitionStatus;
import org.kafkaetl.hive.TableAudit;
import org.kafkaetl.hive.ThriftTableCatalog;
import org.kafkaetl.merge.DailyMerge;
import org.kafkaetl.merge.DayStatusReader;
import org.kafkaetl.merge.WorkCleanup;
import org.kafkaetl.offsets.JdbcAlertHistory;
import org.kafkaetl.offsets.JdbcAuditSource;
import org.kafkaetl.offsets.JdbcFleetBookkeeping;
import org.kafkaetl.offsets.JdbcMergeLedger;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.alerts.AlertSenders;
import org.kafkaetl.alerts.AlertDispatcher;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.mapreduce.driver.HourlyRun;
import org.kafkaetl.mapreduce.driver.Rerun;
import org.kafkaetl.mapreduce.driver.SchemaFiles;
import org.kafkaetl.core.plan.UnreadableTopicsLeftOut;
import org.kafkaetl.mapreduce.job.EtlJobRunner;
import org.kafkaetl.mapreduce.job.HdfsClientDefaults;
import org.kafkaetl.mapreduce.kafka.KafkaOffsetsReader;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcOffsetStore;
import org.kafkaetl.offsets.MySqlRunLock;

/** Wires the real implementations of the boundaries from one configuration. */
final class Components implements AutoCloseable {
  private static final long KAFKA_TIMEOUT_MS = 30_000;
  /** The status asks Kafka only for its lag, and must answer quickly when Kafka does not. */
  private static final long STATUS_KAFKA_TIMEOUT_MS = 10_000;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Components.class);

  /** With the matched topics the bookkeeping holds (and, for a run, those Kafka lists) among its topics. */
  private EtlConfig config;
  /** As configured: the listed topics only, which the patterns' matches are resolved against. */
  private final EtlConfig configured;
  private final Configuration hadoopConf;
  private final Database database;
  private final AlertDispatcher alerts;
  private KafkaOffsetsReader kafka;
  private KafkaConsumerSource auditKafka;

  private Components(EtlConfig config, Configuration hadoopConf) {
    this.config = config;
    this.configured = config;
    // before any file system is created from it: the driver's, the merge's and (through the job) the tasks'
    this.hadoopConf = HdfsClientDefaults.apply(new Configuration(hadoopConf));
    this.database = new Database(config.jdbcUrl(), config.dbUser(), config.dbPassword().value());
    this.alerts = AlertSenders.from(config.alerts(), new JdbcAlertHistory(database), Clock.systemUTC());
  }

  /**
   * Validates what can be validated before anything is touched: schemas, then the database. For the
   * commands that can alert (rerun, merge, register, cleanup), which also send again the pages nobody
   * received that are still owed, before their own alerts.
   */
  static Components create(EtlConfig config, Configuration hadoopConf) {
    Components components = new Components(config, hadoopConf);
    components.database.migrate();
    components.alerts.redeliverUndelivered();
    components.addKnownMatchedTopics();
    return components;
  }

  /**
   * {@link #create} for the hourly run that cron starts, where nobody reads stderr: a database that
   * cannot be used at start is also alerted. The dispatcher still reaches the channels that need no
   * database (log, SMS, webhook); only storing the alert in etl_alerts is impossible then.
   *
   * @throws EtlException the database failure, after the alert went out
   */
  static Components createForRun(EtlConfig config, Configuration hadoopConf) {
    Components components = new Components(config, hadoopConf);
    try {
      components.database.migrate();
    } catch (EtlException e) {
      components.alerts.send(new Alert(Severity.CRITICAL, "run-start:database",
          "hourly run did not start: the database cannot be used; nothing was read",
          e.getMessage() + "\nOnce the database is back, run the command below or wait for the next hourly run;"
              + " either continues where the last stored range ended.",
          List.of(config.alerts().fixCommands().run())));
      throw e;
    }
    components.alerts.redeliverUndelivered();
    components.addKnownMatchedTopics();
    return components;
  }

  /** For commands that only read (status, audit): the database must be reachable, its schema is left as it is. */
  static Components readOnly(EtlConfig config, Configuration hadoopConf) {
    Components components = new Components(config, hadoopConf);
    components.database.checkReachable();
    components.addKnownMatchedTopics();
    return components;
  }

  /**
   * Topics matched by etl.topics.include that earlier runs landed work everywhere a listed topic does
   * (status of the fleet, merge after a rerun, cleanup, metrics): the bookkeeping says which they are,
   * without asking Kafka. Only the hourly run also looks for new ones in Kafka's topic list.
   */
  private void addKnownMatchedTopics() {
    if (config.topicPatterns().configured()) {
      config = config.withMatchedTopics(new org.kafkaetl.offsets.JdbcKnownTopics(database).read());
    }
  }

  /**
   * The audit, reading on its own: plain SQL, the work and warehouse file systems and, with
   * {@code againstKafka}, a consumer of its own.
   */
  TopicAudit topicAudit(boolean againstKafka, long sampleEvery) {
    Optional<KafkaSource> kafkaSource = Optional.empty();
    if (againstKafka) {
      auditKafka = new KafkaConsumerSource(config.kafkaClientProperties(), config.stallTimeout());
      kafkaSource = Optional.of(auditKafka);
    }
    return new TopicAudit(config, fileSystemOf(config.workRoot()), warehouseFileSystem(), new JdbcAuditSource(database),
        kafkaSource, sampleEvery);
  }

  org.kafkaetl.core.sizing.ThroughputHistory throughputHistory() {
    return new org.kafkaetl.offsets.JdbcThroughputHistory(database);
  }

  HourlyRun hourlyRun() {
    kafka = new KafkaOffsetsReader(config.kafkaClientProperties(), KAFKA_TIMEOUT_MS);
    java.util.Set<String> newTopics = java.util.Set.of();
    if (config.topicPatterns().configured()) {
      // Resolved from the configured topics: the config already holds the known matched ones, which
      // would otherwise count as listed and be left out of what was matched.
      org.kafkaetl.core.plan.TopicResolution resolved = org.kafkaetl.core.plan.TopicResolution.resolve(configured,
          kafkaTopics(), new org.kafkaetl.offsets.JdbcKnownTopics(database).read());
      config = resolved.config();
      newTopics = resolved.newlyMatched();
      LOG.info("topics matched by {}: {} ({} new: {})", org.kafkaetl.core.config.TopicPatternConfigDef.INCLUDE.name(),
          resolved.matched(), newTopics.size(), newTopics);
    }
    // A topic whose reader schema the registry cannot give is left for a later run; the others are read.
    SchemaFiles.Loaded schemas = SchemaFiles.loadReadable(config, hadoopConf);
    return new HourlyRun(config, new JdbcOffsetStore(database), new MySqlRunLock(database),
        new UnreadableTopicsLeftOut(kafka, schemas.unreadable()),
        new EtlJobRunner(hadoopConf, config, schemas.schemas()).withWriterSchemas(schemas.writers()), alerts,
        Clock.systemUTC(), throughputHistory(), newTopics);
  }

  /**
   * Kafka's topic list, or none when Kafka does not give it: the run then plans the listed and known
   * topics, and its own read of Kafka alerts if Kafka cannot be used at all; new topics wait a run.
   */
  private java.util.Set<String> kafkaTopics() {
    try {
      return kafka.topicNames();
    } catch (RetriableException e) {
      LOG.warn("topics matched by etl.topics.include: only those already landed this run; {}", e.getMessage());
      return java.util.Set.of();
    }
  }

  Rerun rerun() {
    kafka = new KafkaOffsetsReader(config.kafkaClientProperties(), KAFKA_TIMEOUT_MS);
    return new Rerun(config, new JdbcOffsetStore(database), new MySqlRunLock(database), kafka, jobRunner(), alerts,
        Clock.systemUTC());
  }

  EtlConfig config() {
    return config;
  }

  MergeAfterRun mergeAfterRun() {
    DailyMerge merge = dailyMerge();
    return new MergeAfterRun(config, warehouseFileSystem(),
        (topic, date) -> merge.merge(topic, date, java.util.OptionalInt.empty(), false), alerts,
        MergeAfterRun.LockWait.DEFAULT);
  }

  DayStatusReader dayStatusReader() {
    return new DayStatusReader(config, warehouseFileSystem(), new JdbcOffsetStore(database), new JdbcMergeLedger(database),
        Clock.systemUTC());
  }

  FleetStatusReader fleetStatusReader() {
    FleetLagReader lag = new FleetLagReader(config,
        () -> new KafkaOffsetsReader(config.kafkaClientProperties(), STATUS_KAFKA_TIMEOUT_MS),
        topics -> new JdbcOffsetStore(database).positions(topics),
        new KafkaMessageTimes(config.kafkaClientProperties(), java.time.Duration.ofMillis(STATUS_KAFKA_TIMEOUT_MS / 2)));
    return new FleetStatusReader(config, warehouseFileSystem(), new JdbcFleetBookkeeping(database), Clock.systemUTC(),
        java.util.Optional.of(lag), new org.kafkaetl.offsets.JdbcLagHistory(database));
  }

  /** The page and metrics after run, rerun and merge; reads the status only if one of them is configured. */
  AfterCommandReports afterCommandReports() {
    return new AfterCommandReports(config, this::fleetStatusReader, new org.kafkaetl.offsets.JdbcPushFailures(database),
        Clock.systemUTC(), new org.kafkaetl.offsets.JdbcLagHistory(database));
  }

  WorkCleanup workCleanup() {
    return new WorkCleanup(config, warehouseFileSystem(), new JdbcMergeLedger(database), new JdbcOffsetStore(database),
        new MySqlRunLock(database), Clock.systemUTC());
  }

  DailyMerge dailyMerge() {
    return new DailyMerge(config, warehouseFileSystem(), new JdbcOffsetStore(database), new JdbcMergeLedger(database),
        new MySqlRunLock(database), alerts, Clock.systemUTC(),
        hivePublishing().<org.kafkaetl.core.merge.MergedDayListener>map(p -> p).orElse(
            org.kafkaetl.core.merge.MergedDayListener.NONE));
  }

  /** The audit's look at a topic's Hive table, when topics have one. */
  Optional<TableAudit> tableAudit() {
    if (!config.hive().enabled()) {
      return Optional.empty();
    }
    return Optional.of(new TableAudit(config.hive(), warehouseFileSystem(),
        new org.kafkaetl.core.layout.WarehouseLayout(config.warehouseRoot()), () -> new ThriftTableCatalog(config.hive()),
        config.alerts().fixCommands()));
  }

  /** Publishing to the Hive Metastore, when a topic has a hive.table. */
  Optional<HivePublishing> hivePublishing() {
    if (!config.hive().enabled()) {
      return Optional.empty();
    }
    JdbcPartitionRegistry registry = new JdbcPartitionRegistry(database);
    DayPublisher publisher = new DayPublisher(config.hive(), warehouseFileSystem(),
        new org.kafkaetl.core.layout.WarehouseLayout(config.warehouseRoot()), () -> new ThriftTableCatalog(config.hive()),
        registry, Clock.systemUTC());
    return Optional.of(new HivePublishing(publisher, registry, alerts, config.alerts().fixCommands(),
        config.hive().pendingAlertAfter(), Clock.systemUTC()));
  }

  /** Whether the day's partition is registered, when the topic is published. */
  Optional<String> partitionStatus(String topic, java.time.LocalDate day) {
    return config.hive().table(topic).map(t -> PartitionStatus.describe(t, topic, day, new JdbcPartitionRegistry(database),
        config.alerts().fixCommands()));
  }

  /** Registers the days a metastore outage left waiting; what still waits too long is alerted. */
  void retryPendingRegistrations() {
    hivePublishing().ifPresent(HivePublishing::retryPending);
  }

  private FileSystem warehouseFileSystem() {
    return fileSystemOf(config.warehouseRoot());
  }

  /**
   * The local file system's checksummed wrapper cannot append or truncate; its raw one can (and
   * reads files a raw append changed, whose checksums are stale).
   */
  private FileSystem fileSystemOf(String root) {
    try {
      FileSystem fs = new Path(root).getFileSystem(hadoopConf);
      return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    } catch (IOException e) {
      throw new RetriableException("cannot reach the file system of " + root + ": " + e.getMessage(), e);
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
    if (auditKafka != null) {
      auditKafka.close();
    }
  }
}
