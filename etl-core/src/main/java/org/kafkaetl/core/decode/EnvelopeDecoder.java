package org.kafkaetl.core.decode;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Lands any message unchanged, with its coordinates and headers, in a fixed KafkaEnvelope record.
 * Used for raw topics, whose bytes have no schema we could check. The returned record is reused by
 * the next call.
 */
public final class EnvelopeDecoder implements MessageDecoder {
  private static final Schema HEADER_SCHEMA = SchemaBuilder.record("KafkaHeader").namespace("org.kafkaetl")
      .doc("A Kafka record header.")
      .fields()
      .requiredString("key")
      .optionalBytes("value")
      .endRecord();

  public static final Schema SCHEMA = SchemaBuilder.record("KafkaEnvelope").namespace("org.kafkaetl")
      .doc("A Kafka message kept as bytes, with where it was read from.")
      .fields()
      .requiredString("topic")
      .requiredInt("partition")
      .requiredLong("offset")
      .name("timestamp").doc("Kafka record timestamp, epoch millis").type().longType().noDefault()
      .optionalBytes("key")
      .optionalBytes("value")
      .name("headers").type().array().items(HEADER_SCHEMA).noDefault()
      .endRecord();

  private final GenericData.Record record = new GenericData.Record(SCHEMA);
  private final GenericData.Array<GenericRecord> headers = new GenericData.Array<>(0, SCHEMA.getField("headers").schema());

  @Override
  public Schema schema() {
    return SCHEMA;
  }

  @Override
  public GenericRecord decode(KafkaMessage message) {
    record.put("topic", message.topic());
    record.put("partition", message.partition());
    record.put("offset", message.offset());
    record.put("timestamp", message.timestamp());
    record.put("key", wrap(message.key()));
    record.put("value", wrap(message.value()));
    record.put("headers", headers(message.headers()));
    return record;
  }

  /** The same bytes as {@link #decode} then a {@code GenericDatumWriter}, without the record. */
  @Override
  public Optional<DirectEncoder> directEncoder() {
    return Optional.of(new EnvelopeEncoder());
  }

  @Override
  public long eventTimeMillis(GenericRecord decoded, KafkaMessage message) {
    return message.timestamp();
  }

  private GenericData.Array<GenericRecord> headers(List<KafkaMessage.Header> kafkaHeaders) {
    headers.clear();
    if (kafkaHeaders != null) {
      kafkaHeaders.forEach(h -> headers.add(header(h)));
    }
    return headers;
  }

  private static GenericRecord header(KafkaMessage.Header h) {
    GenericData.Record header = new GenericData.Record(HEADER_SCHEMA);
    header.put("key", h.key());
    header.put("value", wrap(h.value()));
    return header;
  }

  /** Wrapping shares the message's array instead of copying it. */
  private static ByteBuffer wrap(byte[] bytes) {
    return bytes == null ? null : ByteBuffer.wrap(bytes);
  }
}
