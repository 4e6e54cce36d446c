package org.kafkaetl.core.decode;

import java.util.Locale;
import org.apache.avro.Schema;
import org.kafkaetl.core.config.TopicConfig;

/** Picks the decoder for a topic's configured format. */
public final class Decoders {
  /** For configurations without a registry, whose topics never ask for a writer schema. */
  public static final WriterSchemas NO_REGISTRY = id -> {
    throw new IllegalStateException("no schema registry is configured");
  };

  private Decoders() {}

  /**
   * @param schemaOrNull the topic's schema, loaded from its schema file; ignored for raw topics
   * @throws IllegalArgumentException if the format needs a schema and none is given, or the schema
   *     does not fit the topic's settings
   */
  public static MessageDecoder create(TopicConfig topic, Schema schemaOrNull) {
    return create(topic, schemaOrNull, NO_REGISTRY);
  }

  /**
   * @param writers the registry's writer schemas, for avro-confluent topics
   * @param schemaOrNull the topic's schema: from its schema file, or for avro-confluent without one the
   *     subject's latest version; ignored for raw topics
   */
  public static MessageDecoder create(TopicConfig topic, Schema schemaOrNull, WriterSchemas writers) {
    if (topic.format().requiresSchema() && schemaOrNull == null) {
      throw new IllegalArgumentException("topic '" + topic.name() + "' has format "
          + topic.format().name().toLowerCase(Locale.ROOT) + " and needs a schema (topic."
          + topic.name() + ".schema), but none was given");
    }
    MessageDecoder decoder = switch (topic.format()) {
      case JSON -> new JsonAvroDecoder(schemaOrNull, topic.timestampField());
      case AVRO -> new AvroBinaryDecoder(schemaOrNull, topic.timestampField());
      case RAW -> new EnvelopeDecoder();
      case AVRO_CONFLUENT -> new ConfluentAvroDecoder(schemaOrNull, writers, topic.timestampField());
    };
    return topic.kafkaField().<MessageDecoder>map(field -> new KafkaFieldDecoder(decoder, field)).orElse(decoder);
  }
}
