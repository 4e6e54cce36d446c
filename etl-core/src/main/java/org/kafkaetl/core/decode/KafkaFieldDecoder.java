package org.kafkaetl.core.decode;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A topic's decoder whose records also say where they came from: its schema is the topic's with
 * one more field, last, holding the message's Kafka topic, partition, offset and timestamp. The
 * field is a union with null (default null), so files written before it was turned on read with the
 * new schema, and the record keeps the topic schema's name. Being last, the topic's fields keep
 * their positions and their binary encoding is a prefix of the landed record's.
 */
public final class KafkaFieldDecoder implements MessageDecoder {
  /** The coordinates' type; the audit recognises the field by this name. */
  public static final Schema COORDINATES = SchemaBuilder.record("KafkaCoordinates").namespace("org.kafkaetl")
      .doc("Where a landed record was read from in Kafka").fields()
      .requiredString("topic").requiredInt("partition").requiredLong("offset")
      .name("timestamp").doc("the Kafka record timestamp, epoch millis").type().longType().noDefault()
      .endRecord();

  private final MessageDecoder topicDecoder;
  private final Schema schema;
  private final int userFields;

  /** @throws IllegalArgumentException if the topic's schema already has a field of that name */
  public KafkaFieldDecoder(MessageDecoder topicDecoder, String field) {
    Schema topicSchema = topicDecoder.schema();
    if (topicSchema.getField(field) != null) {
      throw new IllegalArgumentException("the Kafka coordinates field '" + field + "' is already a field of "
          + topicSchema.getFullName() + "; choose another name");
    }
    for (Schema.Field f : topicSchema.getFields()) {
      if (refersTo(f.schema(), topicSchema.getFullName(), new java.util.HashSet<>())) {
        // Nested values would be written with the topic's schema under a name the file declares
        // with one more field: a corrupt file.
        throw new IllegalArgumentException(topicSchema.getFullName() + " refers to itself (field '" + f.name()
            + "'), so a Kafka coordinates field cannot be added to it; unset topic.<t>.kafka.field");
      }
    }
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : topicSchema.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    fields.add(new Schema.Field(field, Schema.createUnion(Schema.create(Schema.Type.NULL), COORDINATES),
        "where this record was read from in Kafka (added by kafka-etl)", JsonProperties.NULL_VALUE));
    this.schema = Schema.createRecord(topicSchema.getName(), topicSchema.getDoc(), topicSchema.getNamespace(), false,
        fields);
    topicSchema.getObjectProps().forEach(schema::addProp);
    this.topicDecoder = topicDecoder;
    this.userFields = topicSchema.getFields().size();
  }

  private static boolean refersTo(Schema schema, String fullName, java.util.Set<Schema> seen) {
    if (!seen.add(schema)) {
      return false;
    }
    return switch (schema.getType()) {
      case RECORD -> schema.getFullName().equals(fullName)
          || schema.getFields().stream().anyMatch(f -> refersTo(f.schema(), fullName, seen));
      case UNION -> schema.getTypes().stream().anyMatch(t -> refersTo(t, fullName, seen));
      case ARRAY -> refersTo(schema.getElementType(), fullName, seen);
      case MAP -> refersTo(schema.getValueType(), fullName, seen);
      default -> false;
    };
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public GenericRecord decode(KafkaMessage message) {
    GenericRecord decoded = topicDecoder.decode(message);
    GenericData.Record landed = new GenericData.Record(schema);
    for (int i = 0; i < userFields; i++) {
      landed.put(i, decoded.get(i));
    }
    GenericData.Record coordinates = new GenericData.Record(COORDINATES);
    coordinates.put(0, message.topic());
    coordinates.put(1, message.partition());
    coordinates.put(2, message.offset());
    coordinates.put(3, message.timestamp());
    landed.put(userFields, coordinates);
    return landed;
  }

  @Override
  public long eventTimeMillis(GenericRecord decoded, KafkaMessage message) {
    return topicDecoder.eventTimeMillis(decoded, message);
  }
}
