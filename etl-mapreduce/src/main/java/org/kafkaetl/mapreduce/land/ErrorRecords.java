package org.kafkaetl.mapreduce.land;

import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.kafkaetl.core.decode.KafkaMessage;

/** Records of the error file: the raw message, where it was, and why it could not be decoded. */
public final class ErrorRecords {
  public static final Schema SCHEMA = SchemaBuilder.record("UndecodableMessage").namespace("org.kafkaetl")
      .doc("A Kafka message the topic's decoder rejected; kept so nothing is dropped silently.")
      .fields()
      .requiredString("topic")
      .requiredInt("partition")
      .requiredLong("offset")
      .requiredLong("timestamp")
      .optionalBytes("key")
      .optionalBytes("value")
      .requiredString("reason")
      .endRecord();

  private ErrorRecords() {}

  public static GenericRecord of(KafkaMessage m, String reason) {
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put("topic", m.topic());
    r.put("partition", m.partition());
    r.put("offset", m.offset());
    r.put("timestamp", m.timestamp());
    r.put("key", m.key() == null ? null : ByteBuffer.wrap(m.key()));
    r.put("value", m.value() == null ? null : ByteBuffer.wrap(m.value()));
    r.put("reason", reason);
    return r;
  }
}
