package org.kafkaetl.audit;

import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * What the audit knows of landed records' own fields, from the documented record schemas rather
 * than the writer's classes: raw topics land {@code org.kafkaetl.KafkaEnvelope} and undecodable
 * messages land {@code org.kafkaetl.UndecodableMessage}, both with topic, partition, offset, key and
 * value. JSON and Avro topics land the user's schema, which carries no offset.
 */
final class LandedRecords {
  static final String ENVELOPE = "org.kafkaetl.KafkaEnvelope";
  static final String UNDECODABLE = "org.kafkaetl.UndecodableMessage";

  private LandedRecords() {}

  /** Whether records of this schema say which Kafka record they are. */
  static boolean carriesOffset(Schema schema) {
    String name = schema.getFullName();
    return (ENVELOPE.equals(name) || UNDECODABLE.equals(name)) && schema.getField("offset") != null
        && schema.getField("partition") != null && schema.getField("topic") != null;
  }

  static long offset(GenericRecord r) {
    return (Long) r.get("offset");
  }

  static int partition(GenericRecord r) {
    return (Integer) r.get("partition");
  }

  static String topic(GenericRecord r) {
    return String.valueOf(r.get("topic"));
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
