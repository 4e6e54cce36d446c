package org.kafkaetl.merge;

import java.io.IOException;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.mapred.FsInput;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.merge.LedgerEntry;

/**
 * The records one hourly file brought into a daily file, read back from where the ledger says they
 * are: its byte range starts right after a sync marker, and holds exactly its record count.
 */
final class MergedRegion {
  private MergedRegion() {}

  /** Copies the region's records to {@code writer}; returns how many. */
  static long copy(FileSystem fs, LedgerEntry merged, DataFileWriter<GenericRecord> writer) throws IOException {
    Path daily = new Path(merged.dailyPath());
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(new FsInput(daily, fs), new GenericDatumReader<>())) {
      // The header and every block end with the sync marker, so the region begins right after one.
      reader.sync(merged.byteBegin() - DataFileConstants.SYNC_SIZE);
      if (reader.previousSync() != merged.byteBegin()) {
        throw new IOException(daily + " has no block starting at byte " + merged.byteBegin() + ", where the ledger"
            + " says the records of " + merged.hourly().path() + " begin");
      }
      GenericRecord record = null;
      for (long i = 0; i < merged.records(); i++) {
        if (!reader.hasNext()) {
          throw new IOException(daily + " ends after " + i + " of the " + merged.records() + " records the ledger"
              + " says it holds from " + merged.hourly().path());
        }
        record = reader.next(record);
        writer.append(record);
      }
      return merged.records();
    } catch (IOException e) {
      throw new IOException("cannot copy the merged records of " + merged.hourly().path() + " from " + daily + ": "
          + e.getMessage(), e);
    }
  }
}
