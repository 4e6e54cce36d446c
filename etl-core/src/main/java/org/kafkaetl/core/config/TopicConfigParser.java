package org.kafkaetl.core.config;

import static org.kafkaetl.core.config.TopicConfigDef.TOPIC_FORMAT;
import static org.kafkaetl.core.config.TopicConfigDef.TOPIC_FORMAT_WEIGHT;
import static org.kafkaetl.core.config.TopicConfigDef.TOPIC_KAFKA_FIELD;
import static org.kafkaetl.core.config.TopicConfigDef.TOPIC_MAX_DECODE_ERRORS;
import static org.kafkaetl.core.config.TopicConfigDef.TOPIC_SCHEMA;
import static org.kafkaetl.core.config.TopicConfigDef.TOPIC_SPLIT_THRESHOLD;
import static org.kafkaetl.core.config.TopicConfigDef.TOPIC_TIMESTAMP_FIELD;
import static org.kafkaetl.core.config.TopicConfigDef.TOPIC_TOMBSTONES;
import static org.kafkaetl.core.config.TopicConfigDef.TOPIC_EVENT_TIME_MAX_AGE;
import static org.kafkaetl.core.config.TopicConfigDef.TOPIC_EVENT_TIME_MAX_AHEAD;
import static org.kafkaetl.core.config.TopicConfigDef.TOPIC_EVENT_TIME_OUT_OF_WINDOW;

import java.util.Optional;
import java.util.OptionalLong;

/** Reads the topic.&lt;name&gt;.* keys of one topic, including the rules that tie keys together. */
final class TopicConfigParser {
  private final ConfigReader reader;
  private final EventTimeWindow defaultWindow;
  private final java.util.Set<String> autoSplit = new java.util.TreeSet<>();
  private final java.util.Set<String> weighted = new java.util.TreeSet<>();

  /** @param defaultWindow from the etl.event.time.* keys; each topic may override each part */
  TopicConfigParser(ConfigReader reader, EventTimeWindow defaultWindow) {
    this.reader = reader;
    this.defaultWindow = defaultWindow;
  }

  /** Empty if any of the topic's keys was bad; the reader then holds the problems. */
  Optional<TopicConfig> parse(String topic) {
    int problemsBefore = reader.problemCount();
    MessageFormat format = reader.value(TOPIC_FORMAT.forTopic(topic));
    Optional<String> schema = reader.optional(TOPIC_SCHEMA.forTopic(topic));
    Optional<String> timestampField = reader.optional(TOPIC_TIMESTAMP_FIELD.forTopic(topic));
    Optional<SplitThreshold> threshold = reader.optional(TOPIC_SPLIT_THRESHOLD.forTopic(topic));
    Optional<Double> weight = reader.optional(TOPIC_FORMAT_WEIGHT.forTopic(topic));
    if (threshold.filter(SplitThreshold::isAuto).isPresent()) {
      autoSplit.add(topic);
    }
    if (weight.isPresent()) {
      weighted.add(topic);
    }
    long maxDecodeErrors = orZero(reader.value(TOPIC_MAX_DECODE_ERRORS.forTopic(topic)));
    EventTimeWindow window = new EventTimeWindow(
        reader.<java.time.Duration>optional(TOPIC_EVENT_TIME_MAX_AGE.forTopic(topic)).orElse(defaultWindow.maxAge()),
        reader.<java.time.Duration>optional(TOPIC_EVENT_TIME_MAX_AHEAD.forTopic(topic)).orElse(defaultWindow.maxAhead()),
        reader.<OutOfWindowPolicy>optional(TOPIC_EVENT_TIME_OUT_OF_WINDOW.forTopic(topic)).orElse(defaultWindow.policy()));
    Optional<TombstonePolicy> tombstones = reader.optional(TOPIC_TOMBSTONES.forTopic(topic));
    Optional<String> kafkaField = reader.optional(TOPIC_KAFKA_FIELD.forTopic(topic));
    if (format != null) {
      checkFormatFits(topic, format, schema, timestampField);
      if (!format.requiresSchema() && kafkaField.isPresent()) {
        reader.problem(TOPIC_KAFKA_FIELD.forTopic(topic).name(), "is not allowed because "
            + TOPIC_FORMAT.forTopic(topic).name() + " is raw (its KafkaEnvelope carries topic, partition and offset)");
      }
      checkTombstonesFit(topic, format, tombstones);
    }
    if (reader.problemCount() > problemsBefore) {
      return Optional.empty();
    }
    return Optional.of(new TopicConfig(
        topic, format, schema, timestampField,
        threshold.map(SplitThreshold::fixed).orElseGet(OptionalLong::empty),
        weight.orElse(format.defaultWeight()), maxDecodeErrors, window,
        tombstones.orElse(TopicConfig.defaultTombstones(format)), kafkaField));
  }

  /** The event-time window of a topic that sets none of its parts. */
  EventTimeWindow defaultWindow() {
    return defaultWindow;
  }

  /** Topics parsed so far whose split threshold is auto. */
  java.util.Set<String> autoSplitTopics() {
    return autoSplit;
  }

  /** Topics parsed so far whose format weight was set. */
  java.util.Set<String> configuredWeights() {
    return weighted;
  }

  /** A landed json/avro record must fit the schema; a delete has no value to fit it with. */
  private void checkTombstonesFit(String topic, MessageFormat format, Optional<TombstonePolicy> tombstones) {
    if (tombstones.orElse(null) == TombstonePolicy.LAND && format.requiresSchema()) {
      reader.problem(TOPIC_TOMBSTONES.forTopic(topic).name(), "cannot be land because "
          + TOPIC_FORMAT.forTopic(topic).name() + " is " + TOPIC_FORMAT.type().format(format)
          + " (a tombstone has no value to convert); use skip or error, or format raw");
    }
  }

  /** Raw topics land a fixed envelope with the Kafka timestamp, so schema keys would be ignored. */
  private void checkFormatFits(
      String topic, MessageFormat format, Optional<String> schema, Optional<String> timestampField) {
    String formatKey = TOPIC_FORMAT.forTopic(topic).name();
    String formatName = TOPIC_FORMAT.type().format(format);
    if (format.requiresSchema() && !format.schemaFromRegistry() && schema.isEmpty()) {
      reader.problem(TOPIC_SCHEMA.forTopic(topic).name(), "is required because " + formatKey + " is " + formatName);
    }
    if (!format.requiresSchema() && schema.isPresent()) {
      reader.problem(TOPIC_SCHEMA.forTopic(topic).name(), "is not allowed because " + formatKey + " is raw");
    }
    if (!format.requiresSchema() && timestampField.isPresent()) {
      reader.problem(TOPIC_TIMESTAMP_FIELD.forTopic(topic).name(),
          "is not allowed because " + formatKey + " is raw (raw topics use the Kafka timestamp)");
    }
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
