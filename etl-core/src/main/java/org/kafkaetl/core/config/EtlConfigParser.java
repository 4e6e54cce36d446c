package org.kafkaetl.core.config;

import static org.kafkaetl.core.config.EtlConfigDef.DB_PASSWORD_SECRET;
import static org.kafkaetl.core.config.EtlConfigDef.DB_URL;
import static org.kafkaetl.core.config.EtlConfigDef.DB_USER;
import static org.kafkaetl.core.config.EtlConfigDef.KAFKA_BOOTSTRAP_SERVERS;
import static org.kafkaetl.core.config.EtlConfigDef.KAFKA_PREFIX;
import static org.kafkaetl.core.config.EtlConfigDef.MAX_MAPPERS;
import static org.kafkaetl.core.config.EtlConfigDef.MAX_PULL_TIME;
import static org.kafkaetl.core.config.EtlConfigDef.NEW_PARTITION_START;
import static org.kafkaetl.core.config.EtlConfigDef.POLL_TIMEOUT;
import static org.kafkaetl.core.config.EtlConfigDef.STALL_TIMEOUT;
import static org.kafkaetl.core.config.EtlConfigDef.AVRO_CODEC;
import static org.kafkaetl.core.config.EtlConfigDef.MERGE_AFTER_RUN;
import static org.kafkaetl.core.config.EtlConfigDef.MERGE_THREADS;
import static org.kafkaetl.core.config.EtlConfigDef.RETRY_MAX_AGE;
import static org.kafkaetl.core.config.EtlConfigDef.RETRY_MAX_ATTEMPTS;
import static org.kafkaetl.core.config.EtlConfigDef.TIME_ZONE;
import static org.kafkaetl.core.config.EtlConfigDef.TOPICS;
import static org.kafkaetl.core.config.EtlConfigDef.WAREHOUSE_ROOT;
import static org.kafkaetl.core.config.EtlConfigDef.WORK_ROOT;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.kafkaetl.core.TopicNames;

/** One parse of raw properties into an {@link EtlConfig}, collecting all problems first. */
final class EtlConfigParser {
  private final ConfigReader reader;
  private final SecretResolver secrets;

  EtlConfigParser(Map<String, String> props, List<SecretStore> secretStores) {
    this.reader = new ConfigReader(props);
    this.secrets = new SecretResolver(reader, secretStores);
  }

  EtlConfig parse() {
    Map<String, String> kafka = kafkaProperties();
    String jdbcUrl = reader.value(DB_URL);
    String dbUser = reader.value(DB_USER);
    Password dbPassword = secrets.resolve(DB_PASSWORD_SECRET);
    List<String> topicNames = topicNames();
    TopicConfigParser topicParser = topicParser();
    List<TopicConfig> topics = new ArrayList<>();
    topicNames.forEach(name -> topicParser.parse(name).ifPresent(topics::add));
    String workRoot = reader.value(WORK_ROOT);
    String warehouseRoot = reader.value(WAREHOUSE_ROOT);
    ZoneId zone = reader.value(TIME_ZONE);
    Duration maxPullTime = reader.value(MAX_PULL_TIME);
    Integer maxMappers = reader.value(MAX_MAPPERS);
    StartPosition start = reader.value(NEW_PARTITION_START);
    Duration pollTimeout = reader.value(POLL_TIMEOUT);
    Duration stallTimeout = reader.value(STALL_TIMEOUT);
    AvroCompression compression = compression();
    Integer maxOpenDateFiles = reader.value(EtlConfigDef.MAX_OPEN_DATE_FILES);
    Boolean readAhead = reader.value(EtlConfigDef.READ_AHEAD);
    Boolean mergeAfterRun = reader.value(MERGE_AFTER_RUN);
    Boolean foldReports = reader.value(EtlConfigDef.FOLD_REPORTS);
    Integer mergeThreads = reader.value(MERGE_THREADS);
    Integer offsetsRetentionDays = reader.value(EtlConfigDef.OFFSETS_RETENTION_DAYS);
    Integer retryMaxAttempts = reader.value(RETRY_MAX_ATTEMPTS);
    Duration retryMaxAge = reader.value(RETRY_MAX_AGE);
    AlertSettings alerts = new AlertSettingsParser(reader, secrets).parse();
    MonitoringSettings monitoring = monitoring();
    RunSizingSettings sizing = sizing(maxMappers, topicParser);
    SchemaRegistrySettings registry = new SchemaRegistrySettingsParser(reader, secrets).parse(topicNames, topics);
    HiveSettings hive = new HiveSettingsParser(reader).parse(topicNames);
    TopicPatterns patterns = new TopicPatternsParser(reader, topicParser.defaultWindow()).parse();
    PlausibleEventTimes plausible = plausibleEventTimes();
    if (topicNames.isEmpty() && !reader.isSet(TOPICS) && !reader.isSet(TopicPatternConfigDef.INCLUDE)) {
      reader.problem(TOPICS.name(), "is required unless " + TopicPatternConfigDef.INCLUDE.name() + " is set");
    }
    new UnknownKeys(reader, topicNames).report();
    reader.throwIfProblems();
    return new EtlConfig(kafka, jdbcUrl, dbUser, dbPassword, topics, workRoot, warehouseRoot, zone,
        maxPullTime, maxMappers, start, pollTimeout, stallTimeout, compression, maxOpenDateFiles, readAhead,
        mergeAfterRun, foldReports, mergeThreads, offsetsRetentionDays, new RetryPolicy(retryMaxAttempts, retryMaxAge),
        alerts, monitoring, sizing, registry, hive, patterns, plausible);
  }

  /** Null after a problem, which is then reported with the others. */
  private PlausibleEventTimes plausibleEventTimes() {
    java.time.LocalDate earliest = reader.value(PlausibleEventTimeConfigDef.MIN);
    Duration skew = reader.value(PlausibleEventTimeConfigDef.MAX_SKEW);
    return earliest == null || skew == null ? null : new PlausibleEventTimes(earliest, skew);
  }

  /** Null after a problem, which is then reported with the others. */
  private MonitoringSettings monitoring() {
    java.util.Optional<String> page = reader.optional(MonitoringConfigDef.STATUS_PAGE_PATH);
    Integer hours = reader.value(MonitoringConfigDef.STATUS_PAGE_HOURS);
    java.util.Optional<java.net.URI> url = reader.optional(MonitoringConfigDef.METRICS_PUSHGATEWAY_URL)
        .map(java.net.URI::create);
    String job = reader.value(MonitoringConfigDef.METRICS_PUSHGATEWAY_JOB);
    return hours == null || job == null ? null : new MonitoringSettings(page, hours, url, job);
  }

  /** Null after a problem, which is then reported with the others. */
  private RunSizingSettings sizing(Integer maxMappers, TopicConfigParser topics) {
    java.util.Optional<Duration> target = reader.optional(SizingConfigDef.TARGET_RUN_TIME);
    Integer minMappers = reader.value(SizingConfigDef.MIN_MAPPERS);
    Double startRate = reader.value(SizingConfigDef.SIZING_START_RATE);
    if (minMappers != null && maxMappers != null && minMappers > maxMappers) {
      reader.problem(SizingConfigDef.MIN_MAPPERS.name(), "must be at most " + EtlConfigDef.MAX_MAPPERS.name() + " ("
          + maxMappers + "), got " + minMappers);
    }
    if (target.isEmpty() && !reader.isSet(SizingConfigDef.TARGET_RUN_TIME)) {
      topics.autoSplitTopics().forEach(t -> reader.problem(TopicConfigDef.TOPIC_SPLIT_THRESHOLD.forTopic(t).name(),
          "is auto, which needs " + SizingConfigDef.TARGET_RUN_TIME.name()
              + " (the time one mapper's share must fit in); set it, or give a fixed threshold"));
    }
    if (minMappers == null || startRate == null || minMappers < 1 || !(startRate > 0)) {
      return null;
    }
    return new RunSizingSettings(target, minMappers, startRate, topics.autoSplitTopics(), topics.configuredWeights());
  }

  /** Null after a problem, which is then reported with the others. */
  private AvroCompression compression() {
    AvroCodec codec = reader.value(AVRO_CODEC);
    Integer deflateLevel = reader.value(EtlConfigDef.AVRO_DEFLATE_LEVEL);
    Integer zstandardLevel = reader.value(EtlConfigDef.AVRO_ZSTANDARD_LEVEL);
    return codec == null || deflateLevel == null || zstandardLevel == null ? null
        : AvroCompression.of(codec, deflateLevel, zstandardLevel);
  }

  /** Reads the global event-time keys once, before the topics, so a bad value is reported once, not once per topic. */
  private TopicConfigParser topicParser() {
    Duration maxAge = reader.value(EtlConfigDef.EVENT_TIME_MAX_AGE);
    Duration maxAhead = reader.value(EtlConfigDef.EVENT_TIME_MAX_AHEAD);
    OutOfWindowPolicy policy = reader.value(EtlConfigDef.EVENT_TIME_OUT_OF_WINDOW);
    EventTimeWindow defaults = maxAge == null || maxAhead == null || policy == null
        ? TopicConfig.DEFAULT_WINDOW : new EventTimeWindow(maxAge, maxAhead, policy);
    return new TopicConfigParser(reader, defaults);
  }

  /** Sorted so the consumer sees (and logs) the same order every run; blank counts as unset. */
  private Map<String, String> kafkaProperties() {
    reader.value(KAFKA_BOOTSTRAP_SERVERS);
    Map<String, String> kafka = new TreeMap<>();
    reader.keys().stream()
        .filter(k -> k.startsWith(KAFKA_PREFIX) && k.length() > KAFKA_PREFIX.length())
        .filter(k -> !reader.raw(k).isBlank())
        .forEach(k -> kafka.put(k.substring(KAFKA_PREFIX.length()), reader.raw(k).trim()));
    return kafka;
  }

  private List<String> topicNames() {
    List<String> names = reader.optional(TOPICS).orElse(List.of());
    if (names.isEmpty() && reader.isSet(TOPICS) && !reader.isSet(TopicPatternConfigDef.INCLUDE)) {
      reader.problem(TOPICS.name(), "must list at least one topic");
    }
    Set<String> seen = new HashSet<>();
    List<String> valid = new ArrayList<>();
    for (String name : names) {
      if (!TopicNames.isValid(name)) {
        reader.problem(TOPICS.name(), invalidTopicReason(name));
      } else if (TopicNames.whyNotLandable(name).isPresent()) {
        reader.problem(TOPICS.name(), TopicNames.whyNotLandable(name).get());
      } else if (!seen.add(name)) {
        reader.problem(TOPICS.name(), "topic '" + name + "' is listed twice");
      } else {
        valid.add(name);
      }
    }
    return valid;
  }

  private static String invalidTopicReason(String name) {
    try {
      TopicNames.requireValid(name);
      return "invalid topic name '" + name + "'";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
