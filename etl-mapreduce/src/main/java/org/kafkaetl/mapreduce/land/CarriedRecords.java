package org.kafkaetl.mapreduce.land;

import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/** Copies an earlier read's records into a resuming read's file. */
final class CarriedRecords {
  private CarriedRecords() {}

  /**
   * Appends every record of {@code path} to {@code writer}: block by block when the file was
   * written with the writer's schema, record by record (resolved to it) when the topic's schema
   * has changed since.
   */
  static void copy(FileSource source, String path, DataFileWriter<GenericRecord> writer, Schema schema)
      throws IOException {
    try (InputStream in = source.open(path);
        DataFileStream<GenericRecord> earlier = new DataFileStream<>(in, new GenericDatumReader<>(schema))) {
      if (earlier.getSchema().equals(schema)) {
        writer.appendAllFrom(earlier, false);
        return;
      }
      for (GenericRecord record : earlier) {
        writer.append(record);
      }
    } catch (AvroRuntimeException e) {
      throw cannotCarry(path, e);
    }
  }

  /** Hands every record of {@code path} on, resolved to {@code schema}, in the file's order. */
  static void each(FileSource source, String path, Schema schema, RecordSink sink) throws IOException {
    try (InputStream in = source.open(path);
        DataFileStream<GenericRecord> earlier = new DataFileStream<>(in, new GenericDatumReader<>(schema))) {
      for (GenericRecord record : earlier) {
        sink.append(record);
      }
    } catch (AvroRuntimeException e) {
      throw cannotCarry(path, e);
    }
  }

  /** Where {@link #each} puts the records. */
  interface RecordSink {
    void append(GenericRecord record) throws IOException;
  }

  private static IOException cannotCarry(String path, AvroRuntimeException e) {
    return new IOException("cannot carry the earlier read's records of " + path + " into this read (" + e.getMessage()
        + "); read the range from its start with rerun --from-start", e);
  }
}
