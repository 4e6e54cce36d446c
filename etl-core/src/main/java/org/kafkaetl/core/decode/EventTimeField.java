package org.kafkaetl.core.decode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Finds a record's event time in a configured top-level field, or falls back to the Kafka
 * timestamp. The field is checked against the schema up front so a misconfigured topic fails at
 * start-up rather than turning every message into a decode error.
 */
final class EventTimeField {
  private final String name;
  private final int position;

  private EventTimeField(String name, int position) {
    this.name = name;
    this.position = position;
  }

  /** @throws IllegalArgumentException if the field is missing or neither long nor string */
  static Optional<EventTimeField> of(Schema schema, Optional<String> fieldName) {
    return fieldName.map(name -> {
      Schema.Field field = schema.getField(name);
      if (field == null) {
        throw new IllegalArgumentException(
            "timestamp field '" + name + "' is not a field of schema " + schema.getFullName());
      }
      Schema.Type type = nonNull(field.schema()).getType();
      if (type != Schema.Type.LONG && type != Schema.Type.STRING) {
        throw new IllegalArgumentException("timestamp field '" + name + "' of schema " + schema.getFullName()
            + " must be long (epoch millis) or string (ISO-8601), not " + field.schema());
      }
      return new EventTimeField(name, field.pos());
    });
  }

  /** Epoch millis of the event; the Kafka timestamp when the field is null. */
  long millis(GenericRecord record, KafkaMessage message) {
    Object value = record.get(position);
    if (value == null) {
      return message.timestamp();
    }
    if (value instanceof Long millis) {
      return millis;
    }
    return parseIso(value.toString(), message);
  }

  /**
   * ISO years reach +-999,999,999 but epoch millis only +-292,278,994: such dates saturate to the
   * long's extremes rather than throw, since an ArithmeticException here would fail the whole task.
   * Every saturated value lies far outside the lander's event-time window, which decides its fate.
   */
  private long parseIso(String text, KafkaMessage message) {
    Instant instant;
    try {
      instant = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new DecodeException(message, "timestamp field '" + name + "' is not an ISO-8601 date-time with"
          + " offset such as 2026-11-21T03:15:00Z", e);
    }
    try {
      return instant.toEpochMilli();
    } catch (ArithmeticException e) {
      return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** A nullable field is a union of null and one type; that type is what matters. */
  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    List<Schema> branches =
        schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
    return branches.size() == 1 ? branches.get(0) : schema;
  }
}
