package org.kafkaetl.core.decode;

import java.util.Locale;
import org.apache.avro.Schema;
import org.kafkaetl.core.config.TopicConfig;

/** Picks the decoder for a topic's configured format. */
public final class Decoders {
  private Decoders() {}

  /**
   * @param schemaOrNull the topic's schema, loaded from its schema file; ignored for raw topics
   * @throws IllegalArgumentException if the format needs a schema and none is given, or the schema
   *     does not fit the topic's settings
   */
  public static MessageDecoder create(TopicConfig topic, Schema schemaOrNull) {
    if (topic.format().requiresSchema() && schemaOrNull == null) {
      throw new IllegalArgumentException("topic '" + topic.name() + "' has format "
          + topic.format().name().toLowerCase(Locale.ROOT) + " and needs a schema (topic."
          + topic.name() + ".schema), but none was given");
    }
    MessageDecoder decoder = switch (topic.format()) {
      case JSON -> new JsonAvroDecoder(schemaOrNull, topic.timestampField());
      case AVRO -> new AvroBinaryDecoder(schemaOrNull, topic.timestampField());
      case RAW -> new EnvelopeDecoder();
    };
    return topic.kafkaField().<MessageDecoder>map(field -> new KafkaFieldDecoder(decoder, field)).orElse(decoder);
  }
}
