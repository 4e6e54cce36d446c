package org.kafkaetl.audit;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * What the audit knows of landed records' own fields, from the documented record schemas rather
 * than the writer's classes: raw topics land {@code org.kafkaetl.KafkaEnvelope} and undecodable
 * messages land {@code org.kafkaetl.UndecodableMessage}, both with topic, partition, offset, key and
 * value. JSON and Avro topics land the user's schema, which carries no offset unless the topic adds
 * a field of type {@code org.kafkaetl.KafkaCoordinates} ({@code topic.<t>.kafka.field}).
 */
final class LandedRecords {
  static final String ENVELOPE = "org.kafkaetl.KafkaEnvelope";
  static final String UNDECODABLE = "org.kafkaetl.UndecodableMessage";
  static final String COORDINATES = "org.kafkaetl.KafkaCoordinates";

  /** Where a landed record was read from. */
  record Coordinates(String topic, int partition, long offset) {}

  private LandedRecords() {}

  /** Whether records of this schema can say which Kafka record they are. */
  static boolean carriesOffset(Schema schema) {
    return isEnvelope(schema) || coordinatesField(schema).isPresent();
  }

  /** Whether this schema is one of the tool's own envelopes, with key and value as Kafka had them. */
  static boolean isEnvelope(Schema schema) {
    String name = schema.getFullName();
    return (ENVELOPE.equals(name) || UNDECODABLE.equals(name)) && schema.getField("offset") != null
        && schema.getField("partition") != null && schema.getField("topic") != null;
  }

  /**
   * The record's Kafka coordinates: an envelope's own fields, or a user record's coordinates field;
   * empty when it has neither, or its coordinates field is null (landed before the field was on).
   */
  static Optional<Coordinates> coordinates(GenericRecord r) {
    Schema schema = r.getSchema();
    if (isEnvelope(schema)) {
      return Optional.of(new Coordinates(String.valueOf(r.get("topic")), (Integer) r.get("partition"),
          (Long) r.get("offset")));
    }
    return coordinatesField(schema).map(f -> (GenericRecord) r.get(f.pos()))
        .map(c -> new Coordinates(String.valueOf(c.get("topic")), (Integer) c.get("partition"), (Long) c.get("offset")));
  }

  private static Optional<Schema.Field> coordinatesField(Schema schema) {
    if (schema.getType() != Schema.Type.RECORD) {
      return Optional.empty();
    }
    // The tool adds it last; a coordinates record elsewhere is the topic's own data (e.g. records
    // landed once and published to Kafka again), not where this record was read.
    List<Schema.Field> fields = schema.getFields();
    Schema.Field last = fields.isEmpty() ? null : fields.get(fields.size() - 1);
    return Optional.ofNullable(last).filter(f -> f.schema().getType() == Schema.Type.UNION
        && f.schema().getTypes().stream().anyMatch(t -> COORDINATES.equals(t.getFullName())));
  }

  /**
   * The part of a record's binary encoding that the topic's schema wrote: all of it, or without the
   * coordinates field, which is last, so what Kafka held is a prefix of what landed.
   */
  static byte[] topicEncoding(GenericRecord r, byte[] encoding) {
    Optional<Schema.Field> field = coordinatesField(r.getSchema());
    if (field.isEmpty()) {
      return encoding;
    }
    try {
      java.io.ByteArrayOutputStream tail = new java.io.ByteArrayOutputStream();
      org.apache.avro.io.BinaryEncoder encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(tail, null);
      new org.apache.avro.generic.GenericDatumWriter<Object>(field.get().schema()).write(r.get(field.get().pos()), encoder);
      encoder.flush();
      return java.util.Arrays.copyOf(encoding, Math.max(0, encoding.length - tail.size()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A bytes field as an array (a copy; null stays null). */
  static byte[] bytes(GenericRecord r, String field) {
    ByteBuffer buffer = (ByteBuffer) r.get(field);
    if (buffer == null) {
      return null;
    }
    ByteBuffer view = buffer.duplicate();
    byte[] bytes = new byte[view.remaining()];
    view.get(bytes);
    return bytes;
  }
}
