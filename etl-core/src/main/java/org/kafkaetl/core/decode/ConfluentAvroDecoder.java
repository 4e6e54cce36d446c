package org.kafkaetl.core.decode;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes Confluent's schema-registry wire format: magic byte 0, the writer schema's id as a 4-byte
 * big-endian int, then Avro binary of that schema. Each message is read with its writer schema and
 * resolved to the one reader schema of the run, so every record has {@link #schema()}. What each id
 * resolves to, or why it cannot, is kept for the decoder's life (one topic in one task); a registry
 * that does not answer is not kept, so the next read asks again. Reuses its record between calls.
 */
public final class ConfluentAvroDecoder implements MessageDecoder {
  static final byte MAGIC = 0;
  static final int HEADER_LENGTH = 5;

  private final Schema reader;
  private final WriterSchemas writers;
  private final Optional<EventTimeField> eventTime;
  private final Map<Integer, Resolution> byId = new HashMap<>();
  private BinaryDecoder decoder;
  private GenericRecord reuse;

  /** @throws IllegalArgumentException if the reader schema is not a record or the timestamp field does not fit */
  public ConfluentAvroDecoder(Schema readerSchema, WriterSchemas writers, Optional<String> timestampField) {
    this.reader = JsonAvroDecoder.requireRecord(readerSchema);
    this.writers = writers;
    this.eventTime = EventTimeField.of(readerSchema, timestampField);
  }

  @Override
  public Schema schema() {
    return reader;
  }

  /** @throws RegistryUnavailableException when the writer schema is needed and the registry does not answer */
  @Override
  public GenericRecord decode(KafkaMessage message) {
    byte[] value = message.value();
    if (value == null) {
      throw new DecodeException(message, "value is null (a tombstone), expected registry-encoded Avro", null);
    }
    if (value.length < HEADER_LENGTH) {
      throw new DecodeException(message, "value has " + value.length + " bytes, fewer than the " + HEADER_LENGTH
          + "-byte schema registry header (magic byte 0 and schema id)", null);
    }
    if (value[0] != MAGIC) {
      throw new DecodeException(message, String.format("first byte is 0x%02x, not the schema registry's magic byte"
          + " 0x00: not written by a schema registry serializer", value[0] & 0xff), null);
    }
    int id = ((value[1] & 0xff) << 24) | ((value[2] & 0xff) << 16) | ((value[3] & 0xff) << 8) | (value[4] & 0xff);
    Resolution resolution = resolution(id);
    if (resolution.problem != null) {
      throw new DecodeException(message, resolution.problem, null);
    }
    try {
      decoder = DecoderFactory.get().binaryDecoder(value, HEADER_LENGTH, value.length - HEADER_LENGTH, decoder);
      reuse = resolution.datumReader.read(reuse, decoder);
      if (!decoder.isEnd()) {
        throw new AvroRuntimeException("trailing bytes after the record");
      }
    } catch (IOException | RuntimeException e) {
      throw new DecodeException(message, "value is not Avro binary of writer schema id " + id + ": " + e, e);
    }
    eventTimeMillis(reuse, message);
    return reuse;
  }

  /** Already checked by {@link #decode}, so it does not throw for a record decode returned. */
  @Override
  public long eventTimeMillis(GenericRecord decoded, KafkaMessage message) {
    return eventTime.map(f -> f.millis(decoded, message)).orElse(message.timestamp());
  }

  private Resolution resolution(int id) {
    Resolution known = byId.get(id);
    if (known != null) {
      return known;
    }
    Resolution found = resolve(id);
    byId.put(id, found);
    return found;
  }

  private Resolution resolve(int id) {
    Optional<Schema> writer;
    try {
      writer = writers.byId(id);
    } catch (org.apache.avro.AvroRuntimeException e) {
      // SchemaParseException, or AvroTypeException for a default that does not fit its field
      return Resolution.problem("the registry's schema id " + id + " is not a valid Avro schema: " + e.getMessage());
    }
    if (writer.isEmpty()) {
      return Resolution.problem("schema id " + id + " is unknown to the schema registry");
    }
    SchemaCompatibility.SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer.get());
    if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      return Resolution.problem("writer schema id " + id + " (" + writer.get().getFullName()
          + ") cannot be resolved to the reader schema " + reader.getFullName() + ": "
          + compatibility.getResult().getIncompatibilities().stream()
              .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")").toList());
    }
    return new Resolution(new GenericDatumReader<>(writer.get(), reader), null);
  }

  /** A writer schema's reader, or why messages of that id cannot be read. */
  private record Resolution(GenericDatumReader<GenericRecord> datumReader, String problem) {
    static Resolution problem(String why) {
      return new Resolution(null, why);
    }
  }
}
