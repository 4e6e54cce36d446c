package org.kafkaetl.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The whole, validated configuration of the tool. Keys and their meaning are declared in {@link
 * EtlConfigDef}; see docs/configuration.md.
 *
 * @param kafkaClientProperties consumer properties, the kafka.* keys with the prefix stripped
 * @param maxPullTime longest a map task reads
 * @param newPartitionStart where to start the partitions of a topic the ledger has never seen
 * @param pollTimeout longest one Kafka poll waits
 * @param stallTimeout a range without progress for this long ends early as incomplete
 * @param avroCompression codec and level of landed files
 * @param maxOpenDateFiles most event-date files a map task keeps open while it reads one range
 * @param readAhead whether a map task reads Kafka on a second thread, a few batches ahead of landing
 * @param mergeAfterRun whether an hourly run merges the dates it landed
 * @param foldReports whether a run folds its hour's range reports into one index per topic
 * @param mergeThreads partitions one merge works on at once
 * @param offsetsRetentionDays days of etl_offsets rows cleanup keeps; 0 keeps every row
 * @param retry how runs retry INCOMPLETE ranges of earlier hours
 * @param alerts where alerts go (never shipped to tasks)
 * @param monitoring the page written after each run and the Pushgateway (never shipped to tasks)
 * @param sizing whether and how runs size themselves from measured throughput
 * @param schemaRegistry the registry of avro-confluent topics; {@link SchemaRegistrySettings#NONE} without one
 * @param hive which topics are published as Hive tables, and where the metastore is (never shipped to tasks)
 * @param topicPatterns topics landed because their name matches, beside {@code topics}, and their settings
 * @param plausibleEventTimes event times that are counted and alerted as implausible (they land as before)
 */
public record EtlConfig(
    Map<String, String> kafkaClientProperties,
    String jdbcUrl,
    String dbUser,
    Password dbPassword,
    List<TopicConfig> topics,
    String workRoot,
    String warehouseRoot,
    ZoneId timeZone,
    Duration maxPullTime,
    int maxMappers,
    StartPosition newPartitionStart,
    Duration pollTimeout,
    Duration stallTimeout,
    AvroCompression avroCompression,
    int maxOpenDateFiles,
    boolean readAhead,
    boolean mergeAfterRun,
    boolean foldReports,
    int mergeThreads,
    int offsetsRetentionDays,
    RetryPolicy retry,
    AlertSettings alerts,
    MonitoringSettings monitoring,
    RunSizingSettings sizing,
    SchemaRegistrySettings schemaRegistry,
    HiveSettings hive,
    TopicPatterns topicPatterns,
    PlausibleEventTimes plausibleEventTimes) {

  public EtlConfig {
    Objects.requireNonNull(topicPatterns, "topicPatterns");
    Objects.requireNonNull(plausibleEventTimes, "plausibleEventTimes");
    Objects.requireNonNull(schemaRegistry, "schemaRegistry");
    Objects.requireNonNull(hive, "hive");
    Objects.requireNonNull(sizing, "sizing");
    kafkaClientProperties = Collections.unmodifiableMap(new LinkedHashMap<>(kafkaClientProperties));
    topics = List.copyOf(topics);
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(dbUser, "dbUser");
    Objects.requireNonNull(dbPassword, "dbPassword");
    Objects.requireNonNull(workRoot, "workRoot");
    Objects.requireNonNull(warehouseRoot, "warehouseRoot");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(maxPullTime, "maxPullTime");
    Objects.requireNonNull(newPartitionStart, "newPartitionStart");
    Objects.requireNonNull(pollTimeout, "pollTimeout");
    Objects.requireNonNull(stallTimeout, "stallTimeout");
    Objects.requireNonNull(avroCompression, "avroCompression");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(monitoring, "monitoring");
  }

  /**
   * Parses properties whose secrets come from the properties themselves (db.password or the
   * owner-only file db.password.file, and likewise for the alert tokens).
   *
   * @throws ConfigException listing every problem, each by key
   */
  public static EtlConfig parse(Map<String, String> props) {
    return parse(props, List.of());
  }

  /**
   * Parses properties, taking each secret of {@link EtlConfigDef#secrets()} from the first store
   * that holds it, in the order given, and only then from the properties.
   *
   * @throws ConfigException listing every problem, each by key; never containing a secret
   */
  public static EtlConfig parse(Map<String, String> props, List<SecretStore> secretStores) {
    return new EtlConfigParser(props, secretStores).parse();
  }

  /** Reads a Java properties file (UTF-8). @throws ConfigException naming the file */
  public static EtlConfig load(Path propertiesFile) {
    Map<String, String> props = read(propertiesFile);
    try {
      return parse(props);
    } catch (ConfigException e) {
      throw e.in(propertiesFile.toString());
    }
  }

  /**
   * A listed topic's settings, else those of a topic the patterns select (whether or not Kafka has it):
   * so rerun, merge, audit and status of a matched topic work as for a listed one.
   */
  public Optional<TopicConfig> topic(String name) {
    Optional<TopicConfig> listed = topics.stream().filter(t -> t.name().equals(name)).findFirst();
    return listed.isPresent() || !topicPatterns.selects(name) ? listed : Optional.of(topicPatterns.configFor(name));
  }

  /**
   * This configuration with the topics among {@code names} that the patterns select added to
   * {@link #topics()}, after the listed ones and in name order, with the defaults' settings. Listed
   * topics and names not selected are left as they are.
   */
  public EtlConfig withMatchedTopics(java.util.Collection<String> names) {
    List<TopicConfig> all = new java.util.ArrayList<>(topics);
    java.util.Set<String> autoSplit = new java.util.TreeSet<>(sizing.autoSplitTopics());
    java.util.Set<String> weighted = new java.util.TreeSet<>(sizing.configuredWeights());
    Map<String, String> subjects = new java.util.TreeMap<>(schemaRegistry.subjects());
    java.util.Set<String> present = new java.util.HashSet<>(topicNames());
    for (String name : new java.util.TreeSet<>(names)) {
      if (!topicPatterns.selects(name) || !present.add(name)) {
        continue;
      }
      TopicConfig matched = topicPatterns.configFor(name);
      all.add(matched);
      if (topicPatterns.defaultsAutoSplit()) {
        autoSplit.add(name);
      }
      if (topicPatterns.defaultsWeighted()) {
        weighted.add(name);
      }
      if (matched.format().schemaFromRegistry()) {
        subjects.put(name, name + SchemaRegistryConfigDef.VALUE_SUBJECT_SUFFIX);
      }
    }
    if (all.size() == topics.size()) {
      return this;
    }
    return new EtlConfig(kafkaClientProperties, jdbcUrl, dbUser, dbPassword, all, workRoot,
        warehouseRoot, timeZone, maxPullTime, maxMappers, newPartitionStart, pollTimeout, stallTimeout, avroCompression,
        maxOpenDateFiles, readAhead, mergeAfterRun, foldReports, mergeThreads, offsetsRetentionDays, retry, alerts,
        monitoring,
        new RunSizingSettings(sizing.targetRunTime(), sizing.minMappers(), sizing.startRate(), autoSplit, weighted),
        new SchemaRegistrySettings(schemaRegistry.urls(), schemaRegistry.user(), schemaRegistry.password(),
            schemaRegistry.requestTimeout(), subjects), hive, topicPatterns, plausibleEventTimes);
  }

  public List<String> topicNames() {
    return topics.stream().map(TopicConfig::name).toList();
  }

  /**
   * Every setting as text that {@link #parse} reads back to an equal config, defaults included,
   * except the database password, which is never included: this map is meant to be shipped to
   * tasks, which must not learn it. Kafka secrets are included because tasks need them to connect.
   */
  public Map<String, String> toProperties() {
    return ConfigWriter.toProperties(this);
  }

  /** The same configuration with another database password, e.g. one given outside the file. */
  public EtlConfig withDbPassword(Password password) {
    return new EtlConfig(kafkaClientProperties, jdbcUrl, dbUser, password, topics, workRoot,
        warehouseRoot, timeZone, maxPullTime, maxMappers, newPartitionStart, pollTimeout, stallTimeout, avroCompression,
        maxOpenDateFiles, readAhead, mergeAfterRun, foldReports, mergeThreads, offsetsRetentionDays, retry, alerts,
        monitoring, sizing, schemaRegistry, hive, topicPatterns, plausibleEventTimes);
  }

  @Override
  public String toString() {
    return "EtlConfig[kafkaClientProperties=" + Secrets.masked(kafkaClientProperties)
        + ", jdbcUrl=" + Secrets.display(EtlConfigDef.DB_URL.name(), jdbcUrl)
        + ", dbUser=" + dbUser + ", dbPassword=" + dbPassword + ", topics=" + topics
        + ", workRoot=" + workRoot + ", warehouseRoot=" + warehouseRoot + ", timeZone=" + timeZone
        + ", maxPullTime=" + maxPullTime + ", maxMappers=" + maxMappers
        + ", newPartitionStart=" + newPartitionStart + ", pollTimeout=" + pollTimeout
        + ", stallTimeout=" + stallTimeout + ", avroCompression=" + avroCompression
        + ", maxOpenDateFiles=" + maxOpenDateFiles + ", readAhead=" + readAhead + ", mergeAfterRun=" + mergeAfterRun
        + ", foldReports=" + foldReports + ", mergeThreads=" + mergeThreads + ", offsetsRetentionDays=" + offsetsRetentionDays + ", retry=" + retry
        + ", alerts=" + alerts + ", monitoring=" + monitoring + ", sizing=" + sizing
        + ", schemaRegistry=" + schemaRegistry + ", hive=" + hive + ", topicPatterns=" + topicPatterns
        + ", plausibleEventTimes=" + plausibleEventTimes + "]";
  }

  /** The raw key/value pairs of a properties file, before validation. @throws ConfigException naming the file */
  public static Map<String, String> readProperties(Path file) {
    return read(file);
  }

  private static Map<String, String> read(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      throw ConfigException.ofSource(file.toString(), "configuration file not found", e);
    } catch (IOException | IllegalArgumentException e) {
      throw ConfigException.ofSource(file.toString(), "cannot read configuration file: " + e, e);
    }
    Map<String, String> props = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(k -> props.put(k, properties.getProperty(k)));
    return props;
  }
}
