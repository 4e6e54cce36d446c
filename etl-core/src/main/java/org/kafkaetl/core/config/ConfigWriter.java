package org.kafkaetl.core.config;

import static org.kafkaetl.core.config.EtlConfigDef.KAFKA_PREFIX;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Turns an {@link EtlConfig} back into properties, written with the declared types' formats. */
final class ConfigWriter {
  private final Map<String, String> out = new LinkedHashMap<>();

  private ConfigWriter() {}

  static Map<String, String> toProperties(EtlConfig config) {
    ConfigWriter writer = new ConfigWriter();
    config.kafkaClientProperties().forEach((k, v) -> writer.out.put(KAFKA_PREFIX + k, v));
    // Tasks never connect to the database; a password written into the URL stays on the client.
    writer.put(EtlConfigDef.DB_URL, Secrets.display(EtlConfigDef.DB_URL.name(), config.jdbcUrl()));
    writer.put(EtlConfigDef.DB_USER, config.dbUser());
    writer.put(EtlConfigDef.TOPICS, config.topicNames());
    writer.put(EtlConfigDef.WORK_ROOT, config.workRoot());
    writer.put(EtlConfigDef.WAREHOUSE_ROOT, config.warehouseRoot());
    writer.put(EtlConfigDef.TIME_ZONE, config.timeZone());
    writer.put(EtlConfigDef.MAX_PULL_TIME, config.maxPullTime());
    writer.put(EtlConfigDef.MAX_MAPPERS, config.maxMappers());
    config.sizing().targetRunTime().ifPresent(t -> writer.put(SizingConfigDef.TARGET_RUN_TIME, t));
    writer.put(SizingConfigDef.MIN_MAPPERS, config.sizing().minMappers());
    writer.put(SizingConfigDef.SIZING_START_RATE, config.sizing().startRate());
    writer.put(EtlConfigDef.NEW_PARTITION_START, config.newPartitionStart());
    writer.put(EtlConfigDef.POLL_TIMEOUT, config.pollTimeout());
    writer.put(EtlConfigDef.STALL_TIMEOUT, config.stallTimeout());
    writer.put(EtlConfigDef.AVRO_CODEC, config.avroCompression().codec());
    // Only the chosen codec's level means anything; the other key keeps its default.
    switch (config.avroCompression().codec()) {
      case DEFLATE -> writer.put(EtlConfigDef.AVRO_DEFLATE_LEVEL, config.avroCompression().level());
      case ZSTANDARD -> writer.put(EtlConfigDef.AVRO_ZSTANDARD_LEVEL, config.avroCompression().level());
      case NULL, SNAPPY -> { }
    }
    writer.put(EtlConfigDef.MAX_OPEN_DATE_FILES, config.maxOpenDateFiles());
    writer.put(EtlConfigDef.READ_AHEAD, config.readAhead());
    writer.put(EtlConfigDef.MERGE_AFTER_RUN, config.mergeAfterRun());
    writer.put(EtlConfigDef.FOLD_REPORTS, config.foldReports());
    writer.put(EtlConfigDef.MERGE_THREADS, config.mergeThreads());
    writer.put(EtlConfigDef.OFFSETS_RETENTION_DAYS, config.offsetsRetentionDays());
    writer.put(EtlConfigDef.RETRY_MAX_ATTEMPTS, config.retry().maxAttempts());
    writer.put(EtlConfigDef.RETRY_MAX_AGE, config.retry().maxAge());
    config.topics().forEach(t -> writer.putTopic(t, config.sizing().autoSplitTopics().contains(t.name()),
        config.sizing().configuredWeights().contains(t.name())));
    TopicPatterns patterns = config.topicPatterns();
    patterns.include().ifPresent(p -> writer.put(TopicPatternConfigDef.INCLUDE, p.pattern()));
    patterns.exclude().ifPresent(p -> writer.put(TopicPatternConfigDef.EXCLUDE, p.pattern()));
    if (patterns.configured()) {
      writer.putTopic(patterns.defaults(), patterns.defaultsAutoSplit(), patterns.defaultsWeighted());
    }
    writer.put(PlausibleEventTimeConfigDef.MIN, config.plausibleEventTimes().earliest());
    writer.put(PlausibleEventTimeConfigDef.MAX_SKEW, config.plausibleEventTimes().maxSkew());
    writer.out.putAll(config.schemaRegistry().toProperties());
    return Collections.unmodifiableMap(writer.out);
  }

  private void putTopic(TopicConfig topic, boolean autoSplit, boolean weighted) {
    String name = topic.name();
    put(TopicConfigDef.TOPIC_FORMAT.forTopic(name), topic.format());
    putIfPresent(TopicConfigDef.TOPIC_SCHEMA.forTopic(name), topic.schemaFile());
    putIfPresent(TopicConfigDef.TOPIC_TIMESTAMP_FIELD.forTopic(name), topic.timestampField());
    if (autoSplit) {
      put(TopicConfigDef.TOPIC_SPLIT_THRESHOLD.forTopic(name), SplitThreshold.AUTO);
    }
    topic.splitThreshold()
        .ifPresent(t -> put(TopicConfigDef.TOPIC_SPLIT_THRESHOLD.forTopic(name), SplitThreshold.of(t)));
    // Only a weight that was set: sizing balances the others by their measured cost.
    if (weighted) {
      put(TopicConfigDef.TOPIC_FORMAT_WEIGHT.forTopic(name), topic.formatWeight());
    }
    put(TopicConfigDef.TOPIC_MAX_DECODE_ERRORS.forTopic(name), topic.maxDecodeErrors());
    // Resolved per topic, so the global etl.event.time.* keys need not be written.
    put(TopicConfigDef.TOPIC_EVENT_TIME_MAX_AGE.forTopic(name), topic.eventTimeWindow().maxAge());
    put(TopicConfigDef.TOPIC_EVENT_TIME_MAX_AHEAD.forTopic(name), topic.eventTimeWindow().maxAhead());
    put(TopicConfigDef.TOPIC_EVENT_TIME_OUT_OF_WINDOW.forTopic(name), topic.eventTimeWindow().policy());
    put(TopicConfigDef.TOPIC_TOMBSTONES.forTopic(name), topic.tombstones());
    putIfPresent(TopicConfigDef.TOPIC_KAFKA_FIELD.forTopic(name), topic.kafkaField());
  }

  private <T> void putIfPresent(ConfigKey<T> key, Optional<T> value) {
    value.ifPresent(v -> put(key, v));
  }

  private <T> void put(ConfigKey<T> key, T value) {
    out.put(key.name(), key.type().format(value));
  }
}
