package org.kafkaetl.core.config;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.kafkaetl.core.TopicNames;

/**
 * Settings of one topic, see {@link EtlConfigDef}'s topic.&lt;name&gt;.* keys.
 *
 * @param schemaFile path of the .avsc; present exactly when the format needs a schema
 * @param timestampField top-level field with the event time; empty means the Kafka timestamp
 * @param splitThreshold ranges with more messages are split; empty means never split
 * @param formatWeight relative cost of one message when balancing map tasks
 * @param maxDecodeErrors undecodable messages one range may have before it fails
 */
public record TopicConfig(
    String name,
    MessageFormat format,
    Optional<String> schemaFile,
    Optional<String> timestampField,
    OptionalLong splitThreshold,
    double formatWeight,
    long maxDecodeErrors) {

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
  }
}
