package org.kafkaetl.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.kafkaetl.core.TopicNames;

/**
 * Settings of one topic, see {@link EtlConfigDef}'s topic.&lt;name&gt;.* keys.
 *
 * @param schemaFile path of the .avsc; present exactly when the format needs a schema
 * @param timestampField top-level field with the event time; empty means the Kafka timestamp
 * @param splitThreshold ranges with more messages are split; empty means never split, or, for a topic
 *     whose threshold is auto ({@link RunSizingSettings#autoSplitTopics()}), derived by each sized run
 * @param formatWeight relative cost of one message when balancing map tasks
 * @param maxDecodeErrors undecodable messages one range may have before it fails
 * @param eventTimeWindow sane event times, and what happens to records outside them
 * @param tombstones what happens to messages with a null value
 * @param kafkaField name of the field with each record's Kafka coordinates; empty: none
 */
public record TopicConfig(
    String name,
    MessageFormat format,
    Optional<String> schemaFile,
    Optional<String> timestampField,
    OptionalLong splitThreshold,
    double formatWeight,
    long maxDecodeErrors,
    EventTimeWindow eventTimeWindow,
    TombstonePolicy tombstones,
    Optional<String> kafkaField) {

  /** The window of the global defaults: ten years back, one day ahead, out-of-window records to errors. */
  public static final EventTimeWindow DEFAULT_WINDOW =
      new EventTimeWindow(Duration.ofDays(3650), Duration.ofDays(1), OutOfWindowPolicy.ERROR);

  public TopicConfig {
    TopicNames.requireLandable(name);
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(schemaFile, "schemaFile");
    Objects.requireNonNull(timestampField, "timestampField");
    Objects.requireNonNull(splitThreshold, "splitThreshold");
    if (!(formatWeight > 0) || Double.isInfinite(formatWeight)) {
      throw new IllegalArgumentException("formatWeight must be positive, got " + formatWeight);
    }
    if (maxDecodeErrors < 0 || splitThreshold.orElse(1) < 1) {
      throw new IllegalArgumentException("maxDecodeErrors and splitThreshold must not be negative");
    }
    Objects.requireNonNull(eventTimeWindow, "eventTimeWindow");
    if (tombstones == TombstonePolicy.LAND && format.requiresSchema()) {
      throw new IllegalArgumentException("tombstones can only be landed for raw topics, not " + format);
    }
    Objects.requireNonNull(kafkaField, "kafkaField");
    if (kafkaField.isPresent() && !format.requiresSchema()) {
      throw new IllegalArgumentException("a Kafka coordinates field is only for json and avro topics, not " + format);
    }
  }

  /** A topic without a Kafka coordinates field. */
  public TopicConfig(String name, MessageFormat format, Optional<String> schemaFile, Optional<String> timestampField,
      OptionalLong splitThreshold, double formatWeight, long maxDecodeErrors, EventTimeWindow eventTimeWindow,
      TombstonePolicy tombstones) {
    this(name, format, schemaFile, timestampField, splitThreshold, formatWeight, maxDecodeErrors, eventTimeWindow,
        tombstones, Optional.empty());
  }

  /** A topic with the default event-time window and its format's default tombstone policy. */
  public TopicConfig(String name, MessageFormat format, Optional<String> schemaFile, Optional<String> timestampField,
      OptionalLong splitThreshold, double formatWeight, long maxDecodeErrors) {
    this(name, format, schemaFile, timestampField, splitThreshold, formatWeight, maxDecodeErrors, DEFAULT_WINDOW,
        defaultTombstones(format));
  }

  /** The same settings for another topic: how a topic matched by etl.topics.include takes topic.default.*. */
  public TopicConfig named(String topic) {
    return new TopicConfig(topic, format, schemaFile, timestampField, splitThreshold, formatWeight, maxDecodeErrors,
        eventTimeWindow, tombstones, kafkaField);
  }

  /** Raw topics keep every message as it was, so a delete lands too; a json/avro record cannot say "deleted". */
  public static TombstonePolicy defaultTombstones(MessageFormat format) {
    return format.requiresSchema() ? TombstonePolicy.SKIP : TombstonePolicy.LAND;
  }
}
