package org.kafkaetl.core.config;

import static org.kafkaetl.core.config.ConfigKey.TOPIC;
import static org.kafkaetl.core.config.Importance.HIGH;
import static org.kafkaetl.core.config.Importance.LOW;
import static org.kafkaetl.core.config.Importance.MEDIUM;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The one declaration of every setting. Parsing, validation, the docs and toProperties all read it,
 * so a key cannot be documented one way and behave another.
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
      secretFileDoc("database password", "db.password"));

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
          + " etl.target.run.time use as many as their load needs, from etl.min.mappers up to this.")
      .validatedBy(Validator.between(1, 10_000));
  public static final ConfigKey<Duration> TARGET_RUN_TIME = ConfigKey.optional(
      "etl.target.run.time", ConfigType.DURATION, MEDIUM,
      "How long the map tasks of an hourly run should take. Set, each run sizes itself: from each topic's"
          + " per-mapper rate measured by recent runs (the median of the last 5 without a fault; one run lowers"
          + " it by at most a quarter) it derives the split threshold of topics whose split.threshold is auto"
          + " and uses as many map tasks as the load needs to land within this time, between etl.min.mappers"
          + " and etl.max.mappers, balanced by measured cost. A run that cannot land within it even so says"
          + " before it starts how long it expects to take and which bound stops it, and alerts (WARNING)."
          + " Job start-up and the merge come on top. Absent: fixed thresholds and etl.max.mappers, as"
          + " configured.")
      .validatedBy(Validator.positiveDuration());
  public static final ConfigKey<Integer> MIN_MAPPERS = ConfigKey.withDefault(
      "etl.min.mappers", ConfigType.INT, "1", LOW,
      "Fewest map tasks a run sized by etl.target.run.time uses, when it has that many ranges. At most"
          + " etl.max.mappers.")
      .validatedBy(Validator.between(1, 10_000));
  public static final ConfigKey<Double> SIZING_START_RATE = ConfigKey.withDefault(
      "etl.sizing.start.rate", ConfigType.DOUBLE, "5000", LOW,
      "Messages per second one map task is assumed to read and land, for a format of weight 1, of a topic"
          + " no run has measured yet; a topic's starting rate is this over its format weight (json: a third)."
          + " Used by runs sized by etl.target.run.time until the topic's first run without a fault.")
      .validatedBy(Validator.positive());
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

  public static final ConfigKey<Boolean> MERGE_AFTER_RUN = ConfigKey.withDefault(
      "etl.merge.after.run", ConfigType.BOOLEAN, "true", MEDIUM,
      "After each hourly run, merge the dates it landed data for into the daily warehouse files."
          + " A failed merge alerts and makes the run exit 1; it can be redone with the merge command.");

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

  public static final ConfigKey<String> STATUS_PAGE_PATH = ConfigKey.optional(
      "etl.status.page.path", ConfigType.STRING, MEDIUM,
      "Local file each run writes the fleet page to after it has finished (and merged): one self-contained"
          + " HTML file (no network needed to view it) with every topic's hours as a heat map, records per hour"
          + " and the actions with their commands, as status --html FILE writes it. Written to a temporary file"
          + " beside it and moved into place, so a web server or a reader never sees half a page. A page that"
          + " cannot be written is a warning in the log, never a failed run. Absent: no page.")
      .validatedBy(Validator.notBlank());
  public static final ConfigKey<Integer> STATUS_PAGE_HOURS = ConfigKey.withDefault(
      "etl.status.page.hours", ConfigType.INT, "48", LOW,
      "Hours the page written after each run shows, up to the run's hour.")
      .validatedBy(Validator.between(1, 24 * 35));
  public static final ConfigKey<String> METRICS_PUSHGATEWAY_URL = ConfigKey.optional(
      "etl.metrics.pushgateway.url", ConfigType.STRING, MEDIUM,
      "Prometheus Pushgateway that run, rerun and merge push their metrics to when they end, as"
          + " http(s)://host:port; credentials for basic authentication may be given as"
          + " http://user:password@host:port and are never printed. Metrics and example alerting rules:"
          + " docs/runbook.md and conf/prometheus-alerts.yml. An unreachable Pushgateway is a warning in the"
          + " log, never a failed run. Absent: nothing is pushed.")
      .validatedBy(Validator.pushgatewayUrl());
  public static final ConfigKey<String> METRICS_PUSHGATEWAY_JOB = ConfigKey.withDefault(
      "etl.metrics.pushgateway.job", ConfigType.STRING, "kafka-etl", LOW,
      "The job label of the pushed metrics; set it apart when several pipelines push to one Pushgateway.")
      .validatedBy(Validator.notBlank());

  public static final ConfigKey<List<String>> ALERT_SENDERS = ConfigKey.withDefault(
      "alerts.senders", ConfigType.LIST, "log", HIGH,
      "Where alerts go, comma-separated: log, sms (an HTTP SMS gateway) and webhook (JSON POST)."
          + " Every alert is also stored in the etl_alerts table.")
      .validatedBy(list -> list.stream().filter(s -> !List.of("log", "sms", "webhook").contains(s)).findFirst()
          .map(s -> "unknown sender '" + s + "'; use log, sms or webhook"));
  public static final ConfigKey<Duration> ALERT_SUPPRESSION_WINDOW = ConfigKey.withDefault(
      "alerts.suppression.window", ConfigType.DURATION, "1h", MEDIUM,
      "An alert with the same key (same incident: topic and hour, merge of a day...) as one sent this"
          + " recently is stored but not sent again.")
      .validatedBy(Validator.positiveDuration());
  public static final ConfigKey<String> ALERT_FIX_LAUNCHER = ConfigKey.withDefault(
      "alerts.fix.launcher", ConfigType.STRING, org.kafkaetl.core.alert.FixCommands.DEFAULT_LAUNCHER, MEDIUM,
      "How operators start the tool on this cluster; the commands in alerts and in status start with it,"
          + " e.g. 'hadoop jar /opt/kafka-etl/kafka-etl-job.jar'.")
      .validatedBy(Validator.notBlank());
  public static final ConfigKey<String> ALERT_FIX_CONFIG = ConfigKey.optional(
      "alerts.fix.config", ConfigType.STRING, MEDIUM,
      "Configuration file the commands in alerts pass with --config. Default: the file the tool was"
          + " started with (set it when that is a copy, e.g. in an Oozie container).");
  public static final ConfigKey<String> ALERT_SMS_URL = ConfigKey.optional(
      "alerts.sms.url", ConfigType.STRING, MEDIUM, "SMS gateway URL; required when alerts.senders has sms.")
      .validatedBy(Validator.startsWithAny("http://", "https://"));
  public static final ConfigKey<String> ALERT_SMS_METHOD = ConfigKey.withDefault(
      "alerts.sms.method", ConfigType.STRING, "POST", LOW, "HTTP method of the gateway request (POST or PUT).")
      .validatedBy(m -> List.of("POST", "PUT").contains(m) ? java.util.Optional.empty()
          : java.util.Optional.of("must be POST or PUT"));
  public static final ConfigKey<List<String>> ALERT_SMS_RECIPIENTS = ConfigKey.optional(
      "alerts.sms.recipients", ConfigType.LIST, MEDIUM,
      "Phone numbers (or gateway recipient ids), comma-separated; one request each.");
  public static final ConfigKey<String> ALERT_SMS_BODY_TEMPLATE = ConfigKey.withDefault(
      "alerts.sms.body.template", ConfigType.STRING, "{\"to\":\"${recipient}\",\"message\":\"${text}\"}", LOW,
      "Request body; placeholders ${recipient}, ${text} (summary and fix command), ${severity}, ${summary},"
          + " escaped for alerts.sms.body.format.");
  public static final ConfigKey<AlertSettings.BodyFormat> ALERT_SMS_BODY_FORMAT = ConfigKey.withDefault(
      "alerts.sms.body.format", ConfigType.enumOf(AlertSettings.BodyFormat.class), "json", LOW,
      "json: values JSON-escaped, Content-Type application/json; form: URL-encoded, form content type.");
  public static final ConfigKey<Password> ALERT_SMS_TOKEN = ConfigKey.withDefault(
      "alerts.sms.token", ConfigType.PASSWORD, "", MEDIUM,
      "Bearer token for the gateway (Authorization header); empty for none. Never printed or logged."
          + " Better kept out of this file: see Secrets below.");
  public static final ConfigKey<String> ALERT_SMS_TOKEN_FILE = ConfigKey.optional(
      "alerts.sms.token.file", ConfigType.STRING, MEDIUM,
      secretFileDoc("SMS gateway token", "alerts.sms.token"));
  public static final ConfigKey<org.kafkaetl.core.alert.Severity> ALERT_SMS_MIN_SEVERITY = ConfigKey.withDefault(
      "alerts.sms.min.severity", ConfigType.enumOf(org.kafkaetl.core.alert.Severity.class), "critical", MEDIUM,
      "Only alerts at least this severe are sent by SMS (info, warning, critical).");
  public static final ConfigKey<String> ALERT_WEBHOOK_URL = ConfigKey.optional(
      "alerts.webhook.url", ConfigType.STRING, MEDIUM,
      "URL receiving every alert as a JSON POST; required when alerts.senders has webhook.")
      .validatedBy(Validator.startsWithAny("http://", "https://"));
  public static final ConfigKey<Password> ALERT_WEBHOOK_TOKEN = ConfigKey.withDefault(
      "alerts.webhook.token", ConfigType.PASSWORD, "", MEDIUM,
      "Bearer token for the webhook; empty for none. Never printed or logged. Better kept out of this"
          + " file: see Secrets below.");
  public static final ConfigKey<String> ALERT_WEBHOOK_TOKEN_FILE = ConfigKey.optional(
      "alerts.webhook.token.file", ConfigType.STRING, MEDIUM,
      secretFileDoc("webhook token", "alerts.webhook.token"));

  public static final SecretSetting DB_PASSWORD_SECRET =
      new SecretSetting(DB_PASSWORD, DB_PASSWORD_FILE, "KAFKA_ETL_DB_PASSWORD");
  public static final SecretSetting ALERT_SMS_TOKEN_SECRET =
      new SecretSetting(ALERT_SMS_TOKEN, ALERT_SMS_TOKEN_FILE, "KAFKA_ETL_SMS_TOKEN");
  public static final SecretSetting ALERT_WEBHOOK_TOKEN_SECRET =
      new SecretSetting(ALERT_WEBHOOK_TOKEN, ALERT_WEBHOOK_TOKEN_FILE, "KAFKA_ETL_WEBHOOK_TOKEN");

  public static final ConfigKey<MessageFormat> TOPIC_FORMAT = ConfigKey.withDefault(
      topicKey("format"), ConfigType.enumOf(MessageFormat.class), "raw", HIGH,
      "How message values are encoded: json (a JSON object converted with the schema), avro"
          + " (Avro binary of the schema, no header), raw (bytes kept in a KafkaEnvelope record) or"
          + " avro-confluent (a schema registry's wire format: magic byte 0, 4-byte schema id, Avro binary;"
          + " see schema.registry.url).");
  public static final ConfigKey<String> TOPIC_SCHEMA = ConfigKey.optional(
      topicKey("schema"), ConfigType.STRING, HIGH,
      "Path of the topic's Avro schema (.avsc). Required for json and avro, not allowed for raw. For"
          + " avro-confluent the reader schema every message is resolved to; absent, the subject's latest version."
          + " Relative paths resolve against the working directory.");
  public static final ConfigKey<String> TOPIC_TIMESTAMP_FIELD = ConfigKey.optional(
      topicKey("timestamp.field"), ConfigType.STRING, MEDIUM,
      "Top-level schema field holding the event time, as long epoch millis or an ISO-8601 string"
          + " with offset. Absent: the Kafka record timestamp. Not allowed for raw.");
  public static final ConfigKey<SplitThreshold> TOPIC_SPLIT_THRESHOLD = ConfigKey.optional(
      topicKey("split.threshold"), ConfigType.SPLIT_THRESHOLD, MEDIUM,
      "A partition's range with more messages than this is split into several map inputs: n <= T one,"
          + " T < n <= 2T two, else ceil(n/T) equal parts. auto: T is what one mapper lands within"
          + " etl.target.run.time at the topic's measured rate, recomputed every run (needs etl.target.run.time)."
          + " Absent: never split.")
      .validatedBy(t -> t.isAuto() || t.fixed().getAsLong() >= 1 ? java.util.Optional.empty()
          : java.util.Optional.of("must be at least 1"));
  public static final ConfigKey<Double> TOPIC_FORMAT_WEIGHT = ConfigKey.optional(
      topicKey("format.weight"), ConfigType.DOUBLE, LOW,
      "Relative cost of one message when balancing map tasks. Absent: the format's weight"
          + " (json 3.0, avro 1.0, raw 1.0), or, in runs sized by etl.target.run.time, the cost measured"
          + " from the topic's rate; a weight set here always wins over the measured one.")
      .validatedBy(Validator.positive());
  public static final ConfigKey<Long> TOPIC_MAX_DECODE_ERRORS = ConfigKey.withDefault(
      topicKey("max.decode.errors"), ConfigType.LONG, "100", MEDIUM,
      "Undecodable messages one range may have; they go to the error file, and one more fails"
          + " the range so a wrong schema is noticed before it fills the error files.")
      .validatedBy(Validator.atLeast(0));

  public static final ConfigKey<Duration> TOPIC_EVENT_TIME_MAX_AGE = ConfigKey.optional(
      topicKey("event.time.max.age"), ConfigType.DURATION, LOW,
      "This topic's etl.event.time.max.age. Absent: the global value.")
      .validatedBy(Validator.durationAtMost(EventTimeWindow.LONGEST_AGE));
  public static final ConfigKey<Duration> TOPIC_EVENT_TIME_MAX_AHEAD = ConfigKey.optional(
      topicKey("event.time.max.ahead"), ConfigType.DURATION, LOW,
      "This topic's etl.event.time.max.ahead. Absent: the global value.")
      .validatedBy(Validator.durationAtMost(EventTimeWindow.LONGEST_AHEAD));
  public static final ConfigKey<OutOfWindowPolicy> TOPIC_EVENT_TIME_OUT_OF_WINDOW = ConfigKey.optional(
      topicKey("event.time.out.of.window"), ConfigType.enumOf(OutOfWindowPolicy.class), LOW,
      "This topic's etl.event.time.out.of.window. Absent: the global value.");
  public static final ConfigKey<TombstonePolicy> TOPIC_TOMBSTONES = ConfigKey.optional(
      topicKey("tombstones"), ConfigType.enumOf(TombstonePolicy.class), MEDIUM,
      "Messages with a null value (deletes on a compacted topic): skip = counted in the range report,"
          + " written nowhere, never a decode error; land = landed, only for raw (its KafkaEnvelope has a"
          + " null value; a json or avro record cannot represent a delete); error = to the _errors file"
          + " and counted against max.decode.errors. Absent: land for raw, skip for json and avro.");

  public static final ConfigKey<String> TOPIC_KAFKA_FIELD = ConfigKey.optional(
      topicKey("kafka.field"), ConfigType.STRING, LOW,
      "Name of a field added to every landed record of a json or avro topic, holding the message's Kafka"
          + " topic, partition, offset and timestamp (a nullable record org.kafkaetl.KafkaCoordinates, default"
          + " null), e.g. _kafka. Readers then see where each record came from, and the audit checks each"
          + " record by its own offset. Turning it on changes the landed schema, so the merge starts a new"
          + " daily part. Not allowed for raw (its envelope carries them). Absent: the topic's schema only.")
      .validatedBy(Validator.avroName());

  private static final List<ConfigKey<?>> GLOBAL_KEYS = concat(List.of(
      KAFKA_BOOTSTRAP_SERVERS, DB_URL, DB_USER, DB_PASSWORD, DB_PASSWORD_FILE, TOPICS, WORK_ROOT, WAREHOUSE_ROOT,
      TIME_ZONE, MAX_PULL_TIME, MAX_MAPPERS, TARGET_RUN_TIME, MIN_MAPPERS, SIZING_START_RATE, NEW_PARTITION_START, POLL_TIMEOUT, STALL_TIMEOUT, AVRO_CODEC, AVRO_DEFLATE_LEVEL, AVRO_ZSTANDARD_LEVEL,
      MAX_OPEN_DATE_FILES, MERGE_AFTER_RUN, MERGE_THREADS, OFFSETS_RETENTION_DAYS,
      RETRY_MAX_ATTEMPTS, RETRY_MAX_AGE,
      EVENT_TIME_MAX_AGE, EVENT_TIME_MAX_AHEAD, EVENT_TIME_OUT_OF_WINDOW,
      ALERT_SENDERS, ALERT_SUPPRESSION_WINDOW, ALERT_FIX_LAUNCHER, ALERT_FIX_CONFIG, ALERT_SMS_URL, ALERT_SMS_METHOD, ALERT_SMS_RECIPIENTS,
      ALERT_SMS_BODY_TEMPLATE, ALERT_SMS_BODY_FORMAT, ALERT_SMS_TOKEN, ALERT_SMS_TOKEN_FILE, ALERT_SMS_MIN_SEVERITY,
      ALERT_WEBHOOK_URL, ALERT_WEBHOOK_TOKEN, ALERT_WEBHOOK_TOKEN_FILE,
      STATUS_PAGE_PATH, STATUS_PAGE_HOURS, METRICS_PUSHGATEWAY_URL, METRICS_PUSHGATEWAY_JOB),
      SchemaRegistryConfigDef.globalKeys(), HiveConfigDef.globalKeys(), TopicPatternConfigDef.globalKeys(),
      PlausibleEventTimeConfigDef.globalKeys());
  private static final List<SecretSetting> SECRETS = concat(
      List.of(DB_PASSWORD_SECRET, ALERT_SMS_TOKEN_SECRET, ALERT_WEBHOOK_TOKEN_SECRET), SchemaRegistryConfigDef.secrets());
  private static final List<ConfigKey<?>> TOPIC_KEYS = concat(List.of(
      TOPIC_FORMAT, TOPIC_SCHEMA, TOPIC_TIMESTAMP_FIELD, TOPIC_SPLIT_THRESHOLD, TOPIC_FORMAT_WEIGHT,
      TOPIC_MAX_DECODE_ERRORS, TOPIC_EVENT_TIME_MAX_AGE, TOPIC_EVENT_TIME_MAX_AHEAD, TOPIC_EVENT_TIME_OUT_OF_WINDOW,
      TOPIC_TOMBSTONES, TOPIC_KAFKA_FIELD), SchemaRegistryConfigDef.topicKeys(), HiveConfigDef.topicKeys());

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

  /** The part of a per-topic key after the topic name, e.g. "format.weight". */
  static String topicSuffix(ConfigKey<?> topicKey) {
    return topicKey.name().substring(topicKey("").length());
  }

  static String secretFileDoc(String what, String key) {
    return SecretSetting.fileDoc(what, key);
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

  private static String topicKey(String suffix) {
    return TOPIC_PREFIX + TOPIC + "." + suffix;
  }
}
