package org.kafkaetl.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.kafkaetl.core.audit.ContentDigest;

/**
 * SHA-256 over the binary encodings of a sequence of records: equal digests of an hourly file and
 * of its bytes in a daily file mean the same records in the same order, whatever the blocks and
 * codec.
 */
final class RecordDigest {
  private final GenericDatumWriter<GenericRecord> writer;
  private final MessageDigest sha = sha256();
  private final ByteArrayOutputStream encoded = new ByteArrayOutputStream(256);
  private BinaryEncoder encoder;
  private long records;

  RecordDigest(Schema schema) {
    this.writer = new GenericDatumWriter<>(schema);
  }

  void add(GenericRecord record) throws IOException {
    encoded.reset();
    encoder = EncoderFactory.get().binaryEncoder(encoded, encoder);
    writer.write(record, encoder);
    encoder.flush();
    sha.update(encoded.toByteArray());
    records++;
  }

  /** The last record's encoding: for an Avro topic, the bytes its Kafka message should have held. */
  byte[] lastEncoding() {
    return encoded.toByteArray();
  }

  ContentDigest finish() {
    return new ContentDigest(records, HexFormat.of().formatHex(sha.digest()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
    }
  }
}
