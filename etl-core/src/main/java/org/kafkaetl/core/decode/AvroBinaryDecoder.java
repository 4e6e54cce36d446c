package org.kafkaetl.core.decode;

import java.io.IOException;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes values that are bare Avro binary of the writer schema (no container file header, no
 * schema-registry prefix). Decoder and record are reused between calls, so the returned record is
 * only valid until the next call. Garbage claiming huge lengths fails with end-of-input rather than
 * a huge allocation, because Avro checks claimed lengths against the bytes left.
 */
public final class AvroBinaryDecoder implements MessageDecoder {
  private final Schema schema;
  private final GenericDatumReader<GenericRecord> reader;
  private final Optional<EventTimeField> eventTime;
  private BinaryDecoder decoder;
  private GenericRecord reuse;

  /** @throws IllegalArgumentException if the schema is not a record or the timestamp field does not fit */
  public AvroBinaryDecoder(Schema writerSchema, Optional<String> timestampField) {
    this.schema = JsonAvroDecoder.requireRecord(writerSchema);
    this.reader = new GenericDatumReader<>(writerSchema);
    this.eventTime = EventTimeField.of(writerSchema, timestampField);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public GenericRecord decode(KafkaMessage message) {
    byte[] value = message.value();
    if (value == null) {
      throw new DecodeException(message, "value is null (a tombstone), expected Avro binary", null);
    }
    try {
      decoder = DecoderFactory.get().binaryDecoder(value, decoder);
      reuse = reader.read(reuse, decoder);
      requireFullyRead();
    } catch (IOException | RuntimeException e) {
      throw new DecodeException(message, "value is not Avro binary of schema " + schema.getFullName()
          + ": " + e, e);
    }
    eventTimeMillis(reuse, message);
    return reuse;
  }

  /** Already checked by {@link #decode}, so it does not throw for a record decode returned. */
  @Override
  public long eventTimeMillis(GenericRecord decoded, KafkaMessage message) {
    return eventTime.map(f -> f.millis(decoded, message)).orElse(message.timestamp());
  }

  /** Leftover bytes mean the value was written with another schema, even if a prefix parsed. */
  private void requireFullyRead() throws IOException {
    if (!decoder.isEnd()) {
      throw new AvroRuntimeException("trailing bytes after the record");
    }
  }
}
