package org.kafkaetl.core.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Decodes messages whose value is one plain JSON object into records of the topic's schema. See
 * {@link JsonToAvro} for how JSON values map to Avro types.
 */
public final class JsonAvroDecoder implements MessageDecoder {
  /** Trailing tokens usually mean two messages were concatenated; silently taking the first loses one. */
  private static final ObjectReader JSON =
      new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Schema schema;
  private final Optional<EventTimeField> eventTime;

  /** @throws IllegalArgumentException if the schema is not a record or the timestamp field does not fit */
  public JsonAvroDecoder(Schema schema, Optional<String> timestampField) {
    this.schema = requireRecord(schema);
    this.eventTime = EventTimeField.of(schema, timestampField);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public GenericRecord decode(KafkaMessage message) {
    JsonNode json = parse(message);
    GenericRecord record;
    try {
      record = (GenericRecord) JsonToAvro.convert(json, schema, "");
    } catch (JsonToAvro.Mismatch e) {
      throw new DecodeException(message, "JSON does not fit schema " + schema.getFullName() + ": "
          + e.getMessage(), e);
    }
    eventTimeMillis(record, message);
    return record;
  }

  /** Already checked by {@link #decode}, so it does not throw for a record decode returned. */
  @Override
  public long eventTimeMillis(GenericRecord decoded, KafkaMessage message) {
    return eventTime.map(f -> f.millis(decoded, message)).orElse(message.timestamp());
  }

  private static JsonNode parse(KafkaMessage message) {
    if (message.value() == null) {
      throw new DecodeException(message, "value is null (a tombstone), expected a JSON object", null);
    }
    JsonNode json;
    try {
      json = JSON.readTree(message.value());
    } catch (JsonProcessingException e) {
      throw new DecodeException(message, "value is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new DecodeException(message, "value is not readable as JSON: " + e.getMessage(), e);
    }
    if (json == null || !json.isObject()) {
      String kind = json == null || json.isMissingNode() ? "empty" : json.getNodeType().name().toLowerCase(Locale.ROOT);
      throw new DecodeException(message, "value is " + kind + ", expected a JSON object", null);
    }
    return json;
  }

  static Schema requireRecord(Schema schema) {
    if (Objects.requireNonNull(schema, "schema").getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException("schema must be a record, got " + schema.getType().getName());
    }
    return schema;
  }
}
