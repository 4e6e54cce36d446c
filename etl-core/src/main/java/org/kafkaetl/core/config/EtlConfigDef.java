package org.kafkaetl.core.config;

import static org.kafkaetl.core.config.Importance.HIGH;
import static org.kafkaetl.core.config.Importance.LOW;
import static org.kafkaetl.core.config.Importance.MEDIUM;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The one declaration of every setting. Parsing, validation, the docs and toProperties all read it,
 * so a key cannot be documented one way and behave another. The run's own keys are declared here;
 * each area declares its keys in its own class ({@link SizingConfigDef}, {@link AlertConfigDef},
 * {@link MonitoringConfigDef}, {@link TopicConfigDef}, {@link SchemaRegistryConfigDef},
 * {@link HiveConfigDef}, {@link TopicPatternConfigDef}, {@link PlausibleEventTimeConfigDef}), listed
 * here in documentation order.
 */
public final class EtlConfigDef {
  public static final String KAFKA_PREFIX = "kafka.";
  public static final String TOPIC_PREFIX = "topic.";
  public static final String KAFKA_PASS_THROUGH_DOC =
      "Any other kafka.* key is given to the Kafka consumer with the prefix stripped, e.g."
          + " kafka.security.protocol, kafka.sasl.mechanism, kafka.sasl.jaas.config. Keys containing"
          + " password, passphrase, jaas, secret, token, user.info or certificate, and ssl.keystore.key (PEM"
          + " keys and certificates given inline, Schema Registry's basic.auth.user.info) are secrets and print"
          + " as [hidden].";

  public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS = ConfigKey.required(
      "kafka.bootstrap.servers", ConfigType.STRING, HIGH,
      "Comma-separated host:port list of Kafka brokers to connect to.");

  public static final ConfigKey<String> DB_URL = ConfigKey.required(
      "db.url", ConfigType.STRING, HIGH,
      "JDBC URL of the MySQL/MariaDB database holding the offset ledger and run lock.")
      .validatedBy(Validator.startsWithAny("jdbc:mysql:", "jdbc:mariadb:"));
  public static final ConfigKey<String> DB_USER = ConfigKey.required(
      "db.user", ConfigType.STRING, HIGH, "Database user.");
  public static final ConfigKey<Password> DB_PASSWORD = ConfigKey.withDefault(
      "db.password", ConfigType.PASSWORD, "", HIGH,
      "Database password. Never printed and never copied into job configuration. Better kept out of"
          + " this file: see Secrets below.");
  public static final ConfigKey<String> DB_PASSWORD_FILE = ConfigKey.optional(
      "db.password.file", ConfigType.STRING, MEDIUM,
      SecretSetting.fileDoc("database password", "db.password"));
  public static final SecretSetting DB_PASSWORD_SECRET =
      new SecretSetting(DB_PASSWORD, DB_PASSWORD_FILE, "KAFKA_ETL_DB_PASSWORD");

  public static final ConfigKey<List<String>> TOPICS = ConfigKey.optional(
      "etl.topics", ConfigType.LIST, HIGH,
      "Comma-separated Kafka topics to land; required unless etl.topics.include selects topics by name. Names use only letters, digits, '.', '_' and '-',"
          + " so they are safe as directory names, and must not start with '_' or '.': such names are"
          + " Hadoop's and this tool's own directories (_temporary, _SUCCESS, _reports, _errors, _COMPLETE,"
          + " _rebuild) or hidden from Hadoop and Hive readers, so such a topic is refused (mirror it to"
          + " another name to land it).");
  public static final ConfigKey<String> WORK_ROOT = ConfigKey.withDefault(
      "etl.work.root", ConfigType.STRING, "/etl/work", MEDIUM,
      "HDFS directory for job output before it is moved into the warehouse.");
  public static final ConfigKey<String> WAREHOUSE_ROOT = ConfigKey.withDefault(
      "etl.warehouse.root", ConfigType.STRING, "/etl/warehouse", HIGH,
      "HDFS directory under which landed data lives, one directory per topic and date.");
  public static final ConfigKey<ZoneId> TIME_ZONE = ConfigKey.withDefault(
      "etl.timezone", ConfigType.ZONE, "UTC", MEDIUM,
      "Time zone of ETL hours and of the date directories events are routed to.");
  public static final ConfigKey<Duration> MAX_PULL_TIME = ConfigKey.withDefault(
      "etl.max.pull.time", ConfigType.DURATION, "10m", MEDIUM,
      "Longest a map task reads before it stops; what it did not reach is marked incomplete."
          + " ISO-8601 (PT10M) or a number with unit ms, s, m, h, d.")
      .validatedBy(Validator.positiveDuration());
  public static final ConfigKey<Integer> MAX_MAPPERS = ConfigKey.withDefault(
      "etl.max.mappers", ConfigType.INT, "8", MEDIUM,
      "Most map tasks one run uses; offset ranges are packed into them by weighted size. Runs sized by"
          + " etl.target.run.time use as many as their load needs, from etl.min.mappers up to this, or up to"
          + " what the job's YARN queue (mapreduce.job.queuename) runs side by side when that is fewer.")
      .validatedBy(Validator.between(1, 10_000));
  public static final ConfigKey<StartPosition> NEW_PARTITION_START = ConfigKey.withDefault(
      "etl.new.partition.start", ConfigType.enumOf(StartPosition.class), "earliest", MEDIUM,
      "Where to start the partitions of a topic the offset ledger has never seen: earliest lands all"
          + " that Kafka retains, latest only what arrives from now on. A partition added later to a topic"
          + " already read always starts at earliest: everything in it arrived after the topic's start.");
  public static final ConfigKey<Duration> POLL_TIMEOUT = ConfigKey.withDefault(
      "etl.poll.timeout", ConfigType.DURATION, "1s", LOW,
      "Longest a single Kafka poll waits for data.")
      .validatedBy(Validator.positiveDuration());
  public static final ConfigKey<Duration> STALL_TIMEOUT = ConfigKey.withDefault(
      "etl.stall.timeout", ConfigType.DURATION, "2m", LOW,
      "A range that makes no progress for this long is ended early and marked incomplete,"
          + " so one stuck partition cannot hold the whole run.")
      .validatedBy(Validator.positiveDuration());

  public static final ConfigKey<AvroCodec> AVRO_CODEC = ConfigKey.withDefault(
      "etl.avro.codec", ConfigType.enumOf(AvroCodec.class), "zstandard", MEDIUM,
      "Compression of landed Avro files: null, deflate, snappy or zstandard (Avro's codec names). The daily"
          + " merge copies blocks as they are, so this is also the warehouse files' codec, and every reader of"
          + " the warehouse must support it: snappy and deflate are read by every Avro reader, zstandard by"
          + " Avro 1.9 and later (Hive 4, Spark 3.2, Trino, avro-tools 1.9; not Hive 3, whose Avro 1.8 reports"
          + " 'Unrecognized codec: zstandard': choose snappy there). zstandard at level 1 lands fastest and"
          + " as small as deflate (docs/performance.md). A change reaches the warehouse with the next new daily"
          + " file; a daily file already started keeps its codec (the merge recompresses into it).");
  public static final ConfigKey<Integer> AVRO_DEFLATE_LEVEL = ConfigKey.withDefault(
      "etl.avro.deflate.level", ConfigType.INT, "6", LOW,
      "Level of the deflate codec, 1 (fastest) to 9 (smallest), as avro-tools' --level and Spark's"
          + " spark.sql.avro.deflate.level; used when etl.avro.codec is deflate. Readers read every level.")
      .validatedBy(Validator.between(1, 9));
  public static final ConfigKey<Integer> AVRO_ZSTANDARD_LEVEL = ConfigKey.withDefault(
      "etl.avro.zstandard.level", ConfigType.INT, "1", LOW,
      "Level of the zstandard codec, 1 (fastest) to 22 (smallest), as avro-tools' --level and Spark's"
          + " spark.sql.avro.zstandard.level; used when etl.avro.codec is zstandard. Readers read every level."
          + " 1, not Avro's 3: on log-like messages 3 made files about 2 % smaller and landing slower.")
      .validatedBy(Validator.between(1, 22));
  public static final ConfigKey<Integer> MAX_OPEN_DATE_FILES = ConfigKey.withDefault(
      "etl.max.open.date.files", ConfigType.INT, "32", LOW,
      "Most event-date files a map task keeps open while it reads one range. Each open file holds codec"
          + " buffers in the task's heap and a DataNode connection, so a range whose event times spread over"
          + " hundreds of days (a wrong producer clock, garbage timestamps inside the event-time window) would"
          + " otherwise fail the task. The first dates a range meets keep their file open; records of further"
          + " dates wait on the task's local disk and are written to their date's file, this many files at a"
          + " time, when the range ends. Files and their names are the same either way.")
      .validatedBy(Validator.between(4, 1_000));
  public static final ConfigKey<Boolean> READ_AHEAD = ConfigKey.withDefault(
      "etl.read.ahead", ConfigType.BOOLEAN, "false", LOW,
      "Whether a map task reads Kafka on a second thread, up to four batches (of at most 1,024 messages or"
          + " 1 MiB each) ahead of decoding, compressing and writing on its own thread. The mapper is handed the"
          + " same batches and range ends in the same order as with one thread, a failure of the reading thread"
          + " fails the task as it would have on one thread, and the landed files are the same. The job then asks"
          + " YARN for at least two vcores per map task (mapreduce.map.cpu.vcores, raised to 2 when it is lower),"
          + " and runs sized by etl.target.run.time count the map tasks the queue runs side by side with that"
          + " request. It pays only where each map task has a core to itself beside its reading: on a busy"
          + " 2-core machine it measured no faster (docs/performance.md).");

  public static final ConfigKey<Boolean> MERGE_AFTER_RUN = ConfigKey.withDefault(
      "etl.merge.after.run", ConfigType.BOOLEAN, "true", MEDIUM,
      "After each hourly run, merge the dates it landed data for into the daily warehouse files."
          + " A failed merge alerts and makes the run exit 1; it can be redone with the merge command.");

  public static final ConfigKey<Boolean> FOLD_REPORTS = ConfigKey.withDefault(
      "etl.reports.fold", ConfigType.BOOLEAN, "false", MEDIUM,
      "After each run, fold the hour's range reports (one small file per range read) into one index per"
          + " topic, <hour>/_reports/_index/<topic>.json; the report that counts for every range stays the"
          + " same. Turn on only once every host (driver, rerun, merge, audit) runs a version that reads"
          + " indexes, and never roll back below it once any hour is folded: an older version sees no report"
          + " for a folded range. Folds only where the work root is on HDFS.");

  public static final ConfigKey<Integer> MERGE_THREADS = ConfigKey.withDefault(
      "etl.merge.threads", ConfigType.INT, "32", LOW,
      "Partitions of one topic and date the merge works on at once. A partition's merge mostly waits"
          + " for the NameNode, the DataNode and the database, so more threads overlap the waits: 32"
          + " merged 1,000 partitions in 0.52 of the time 8 took (docs/performance.md); each partition"
          + " is still appended and recorded on its own. Each thread holds a database connection and"
          + " one HDFS write while it works.")
      .validatedBy(Validator.between(1, 256));

  public static final ConfigKey<Integer> OFFSETS_RETENTION_DAYS = ConfigKey.withDefault(
      "etl.offsets.retention.days", ConfigType.INT, "0", MEDIUM,
      "Days of etl_offsets rows the cleanup command keeps; 0 keeps every row. Cleanup removes the rows"
          + " (and their etl_lost_ranges) of days wholly before today minus this many days, per partition only"
          + " up to its first range that is not COMPLETE or LOST or whose hour directory is still in the work"
          + " root, and records where the removed rows ended, so the audit of the days kept still checks that"
          + " they continue the removed ones. Where each partition continues is kept apart and never removed."
          + " Planning reads no old row either way; old rows cost disk and the database's cache (docs/performance.md,"
          + " bookkeeping).")
      .validatedBy(Validator.between(0, 36_500));

  public static final ConfigKey<Integer> RETRY_MAX_ATTEMPTS = ConfigKey.withDefault(
      "etl.retry.max.attempts", ConfigType.INT, "3", MEDIUM,
      "Each run first reads INCOMPLETE ranges of earlier hours again, until a range has been read"
          + " this many times in all; after that only the rerun command in its alert reads it. 1 = never retry.")
      .validatedBy(Validator.between(1, 100));
  public static final ConfigKey<Duration> RETRY_MAX_AGE = ConfigKey.withDefault(
      "etl.retry.max.age", ConfigType.DURATION, "24h", MEDIUM,
      "Only INCOMPLETE ranges of hours at most this old are retried automatically.")
      .validatedBy(Validator.positiveDuration());

  public static final ConfigKey<Duration> EVENT_TIME_MAX_AGE = ConfigKey.withDefault(
      "etl.event.time.max.age", ConfigType.DURATION, "3650d", MEDIUM,
      "Oldest sane event time, counted back from the start of the hour of the run that reads the"
          + " record (not the clock, so a rerun routes records as the first read did). Records with an"
          + " older event time follow etl.event.time.out.of.window. Default for every topic;"
          + " topic.<name>.event.time.max.age overrides it. At most 18250d, so the window never reaches"
          + " the quarantine date 1970-01-01.")
      .validatedBy(Validator.durationAtMost(EventTimeWindow.LONGEST_AGE));
  public static final ConfigKey<Duration> EVENT_TIME_MAX_AHEAD = ConfigKey.withDefault(
      "etl.event.time.max.ahead", ConfigType.DURATION, "1d", MEDIUM,
      "Latest sane event time, counted on from the end of the run's hour. Records with a later event time"
          + " follow etl.event.time.out.of.window. Default for every topic; topic.<name>.event.time.max.ahead"
          + " overrides it. At most 3650d.")
      .validatedBy(Validator.durationAtMost(EventTimeWindow.LONGEST_AHEAD));
  public static final ConfigKey<OutOfWindowPolicy> EVENT_TIME_OUT_OF_WINDOW = ConfigKey.withDefault(
      "etl.event.time.out.of.window", ConfigType.enumOf(OutOfWindowPolicy.class), "error", MEDIUM,
      "What happens to a record whose event time is outside the window (or that no date can hold, e.g."
          + " year 10000 or a timestamp near Long.MIN_VALUE): error = to the range's _errors file with the"
          + " time and the window in its reason; kafka-time = routed by its Kafka timestamp, or to the"
          + " _errors file if that is outside the window too; quarantine = landed under the date 1970-01-01."
          + " Never counted against max.decode.errors, so such records cannot keep a range INCOMPLETE;"
          + " they are counted in the range report and each run sends a WARNING alert per topic."
          + " Default for every topic; topic.<name>.event.time.out.of.window overrides it.");

  private static final List<ConfigKey<?>> GLOBAL_KEYS = concat(List.of(
      KAFKA_BOOTSTRAP_SERVERS, DB_URL, DB_USER, DB_PASSWORD, DB_PASSWORD_FILE, TOPICS, WORK_ROOT, WAREHOUSE_ROOT,
      TIME_ZONE, MAX_PULL_TIME, MAX_MAPPERS, SizingConfigDef.TARGET_RUN_TIME, SizingConfigDef.MIN_MAPPERS,
      SizingConfigDef.SIZING_START_RATE, NEW_PARTITION_START, POLL_TIMEOUT, STALL_TIMEOUT, AVRO_CODEC,
      AVRO_DEFLATE_LEVEL, AVRO_ZSTANDARD_LEVEL, MAX_OPEN_DATE_FILES, READ_AHEAD, MERGE_AFTER_RUN, FOLD_REPORTS, MERGE_THREADS,
      OFFSETS_RETENTION_DAYS, RETRY_MAX_ATTEMPTS, RETRY_MAX_AGE,
      EVENT_TIME_MAX_AGE, EVENT_TIME_MAX_AHEAD, EVENT_TIME_OUT_OF_WINDOW),
      AlertConfigDef.globalKeys(), MonitoringConfigDef.globalKeys(),
      SchemaRegistryConfigDef.globalKeys(), HiveConfigDef.globalKeys(), TopicPatternConfigDef.globalKeys(),
      PlausibleEventTimeConfigDef.globalKeys());
  private static final List<SecretSetting> SECRETS = concat(
      List.of(DB_PASSWORD_SECRET), AlertConfigDef.secrets(), SchemaRegistryConfigDef.secrets());
  private static final List<ConfigKey<?>> TOPIC_KEYS = concat(TopicConfigDef.ownKeys(),
      SchemaRegistryConfigDef.topicKeys(), HiveConfigDef.topicKeys());

  private EtlConfigDef() {}

  /** Keys set once per file, in documentation order. */
  public static List<ConfigKey<?>> globalKeys() {
    return GLOBAL_KEYS;
  }

  /** Keys set per topic, named with the {@link ConfigKey#TOPIC} placeholder. */
  public static List<ConfigKey<?>> topicKeys() {
    return TOPIC_KEYS;
  }

  /** The secrets that may come from outside the configuration file, and from where. */
  public static List<SecretSetting> secrets() {
    return SECRETS;
  }

  /** What is declared here, then what each feature declares in its own class. */
  @SafeVarargs
  private static <T> List<T> concat(List<? extends T> own, List<? extends T>... declaredApart) {
    java.util.List<T> all = new java.util.ArrayList<>(own);
    for (List<? extends T> part : declaredApart) {
      all.addAll(part);
    }
    return List.copyOf(all);
  }
}
