package org.kafkaetl.audit;

import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.audit.ContentDigest;

/** Reads an Avro file front to back with a plain reader, digesting each record and handing it on. */
final class AvroFileScan {
  private AvroFileScan() {}

  /** Receives each record with the digest that has just taken it in. */
  @FunctionalInterface
  interface RecordVisitor {
    void visit(GenericRecord record, RecordDigest digest);
  }

  /**
   * A file that is not readable Avro, as opposed to a file system that cannot be reached (an
   * IOException): the audit reports the first and goes on, the second ends it.
   */
  static final class UnreadableFile extends EtlException {
    private static final long serialVersionUID = 1L;

    UnreadableFile(Exception cause) {
      super("not readable Avro: " + cause.getMessage(), cause);
    }

    UnreadableFile(String why) {
      super(why);
    }
  }

  /** @throws UnreadableFile if the file is damaged or not Avro */
  static ContentDigest scan(FileSystem fs, Path path, RecordVisitor visitor) throws IOException {
    try (InputStream in = fs.open(path);
        DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
      RecordDigest digest = new RecordDigest(stream.getSchema());
      GenericRecord record = null;
      while (stream.hasNext()) {
        record = stream.next(record);
        digest.add(record);
        visitor.visit(record, digest);
      }
      return digest.finish();
    } catch (AvroRuntimeException | java.io.EOFException e) {
      throw new UnreadableFile(e);
    } catch (IOException e) {
      if (isFormatError(e)) {
        throw new UnreadableFile(e);
      }
      throw e;
    }
  }

  /** Avro reports a damaged file with plain IOExceptions; these messages are its, not the file system's. */
  static boolean isFormatError(IOException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("Not an Avro data file") || m.contains("Invalid sync") || m.contains("Block read partially")
        || m.contains("Invalid int encoding") || m.contains("Malformed data");
  }
}
