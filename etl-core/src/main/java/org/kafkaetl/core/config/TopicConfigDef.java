package org.kafkaetl.core.config;

import static org.kafkaetl.core.config.ConfigKey.TOPIC;
import static org.kafkaetl.core.config.Importance.HIGH;
import static org.kafkaetl.core.config.Importance.LOW;
import static org.kafkaetl.core.config.Importance.MEDIUM;

import java.time.Duration;
import java.util.List;

/**
 * The settings of each topic (topic.<name>.*), named with the {@link ConfigKey#TOPIC} placeholder.
 * Declared apart from {@link EtlConfigDef}, which lists these keys with its own.
 */
public final class TopicConfigDef {
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

  private static final List<ConfigKey<?>> OWN_KEYS = List.of(
      TOPIC_FORMAT, TOPIC_SCHEMA, TOPIC_TIMESTAMP_FIELD, TOPIC_SPLIT_THRESHOLD, TOPIC_FORMAT_WEIGHT,
      TOPIC_MAX_DECODE_ERRORS, TOPIC_EVENT_TIME_MAX_AGE, TOPIC_EVENT_TIME_MAX_AHEAD, TOPIC_EVENT_TIME_OUT_OF_WINDOW,
      TOPIC_TOMBSTONES, TOPIC_KAFKA_FIELD);

  private TopicConfigDef() {}

  /** The per-topic keys declared here, in documentation order; {@link EtlConfigDef#topicKeys} adds the features' own. */
  public static List<ConfigKey<?>> ownKeys() {
    return OWN_KEYS;
  }

  /** The part of a per-topic key after the topic name, e.g. "format.weight". */
  static String topicSuffix(ConfigKey<?> topicKey) {
    return topicKey.name().substring(topicKey("").length());
  }

  private static String topicKey(String suffix) {
    return EtlConfigDef.TOPIC_PREFIX + TOPIC + "." + suffix;
  }
}
