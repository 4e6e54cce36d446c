package org.kafkaetl.audit;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.mapred.FsInput;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.audit.DailyFileCheck.DailyFile;
import org.kafkaetl.core.audit.LedgerRow;

/**
 * Reads a daily file knowing where each Avro block starts ({@link DataFileReader#previousSync()}),
 * so every record is attributed to the ledger row whose byte range holds its block. A whole day is
 * read front to back; an hour's rows are reached by seeking to their sync markers.
 */
final class DailyFileReader implements Closeable {
  /** The Avro metadata key the merge stores the daily file's id under (docs/design.md). */
  static final String FILE_ID = "kafka.etl.daily.id";
  private static final int SYNC_SIZE = 16;

  private final DataFileReader<GenericRecord> reader;
  private final DailyFile file;

  /** Receives each record with the ledger row whose bytes hold it, or null for bytes no row accounts for. */
  @FunctionalInterface
  interface SegmentVisitor {
    void visit(LedgerRow row, GenericRecord record) throws IOException;
  }

  /** @throws AvroFileScan.UnreadableFile if the file's header is not Avro */
  DailyFileReader(FileSystem fs, Path path) throws IOException {
    try {
      this.reader = new DataFileReader<>(new FsInput(path, fs), new GenericDatumReader<>());
    } catch (AvroRuntimeException | java.io.EOFException e) {
      throw new AvroFileScan.UnreadableFile(e);
    } catch (IOException e) {
      if (AvroFileScan.isFormatError(e)) {
        throw new AvroFileScan.UnreadableFile(e);
      }
      throw e;
    }
    this.file = new DailyFile(path.toString(), reader.previousSync(), fs.getFileStatus(path).getLen(),
        reader.getMetaString(FILE_ID));
  }

  DailyFile file() {
    return file;
  }

  Schema schema() {
    return reader.getSchema();
  }

  /**
   * Reads every record in file order; {@code byByteBegin} are the file's ledger rows sorted by
   * byte position.
   */
  void readAll(List<LedgerRow> byByteBegin, SegmentVisitor visitor) throws IOException {
    int i = 0;
    GenericRecord record = null;
    try {
      while (reader.hasNext()) {
        long blockStart = reader.previousSync();
        while (i < byByteBegin.size() && blockStart >= byByteBegin.get(i).byteEnd()) {
          i++;
        }
        LedgerRow row = i < byByteBegin.size() && blockStart >= byByteBegin.get(i).byteBegin() ? byByteBegin.get(i) : null;
        record = reader.next(record);
        visitor.visit(row, record);
      }
    } catch (AvroRuntimeException e) {
      throw new AvroFileScan.UnreadableFile(e);
    }
  }

  /**
   * Reads the records of one ledger row's bytes: from the sync marker that must end right before
   * {@code byteBegin} up to {@code byteEnd}. False, reading nothing, when no block starts there.
   */
  boolean readRow(LedgerRow row, SegmentVisitor visitor) throws IOException {
    try {
      reader.sync(Math.max(0, row.byteBegin() - SYNC_SIZE));
      if (reader.previousSync() != row.byteBegin()) {
        return false;
      }
      GenericRecord record = null;
      while (reader.previousSync() < row.byteEnd() && reader.hasNext()) {
        record = reader.next(record);
        visitor.visit(row, record);
      }
      return true;
    } catch (AvroRuntimeException e) {
      throw new AvroFileScan.UnreadableFile(e);
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
