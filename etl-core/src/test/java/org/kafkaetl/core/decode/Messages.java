package org.kafkaetl.core.decode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** Test messages and a check that decoded records really serialize with their schema. */
final class Messages {
  static final long KAFKA_TS = 1_700_000_000_000L;

  private Messages() {}

  static KafkaMessage of(byte[] value) {
    return new KafkaMessage("t", 3, 42, KAFKA_TS, null, value, List.of());
  }

  static KafkaMessage json(String value) {
    return of(value.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] avroBinary(GenericRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
