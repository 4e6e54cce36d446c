package org.kafkaetl.core.coverage;

import java.util.List;
import org.kafkaetl.core.OffsetRange;

/**
 * One file a task wrote for an event, as its report describes it, so coverage can tell this read's
 * file from an earlier read's file of the same name, and the audit can tell which Kafka offset each
 * record stands for when the records themselves do not say (JSON and Avro topics).
 *
 * @param path relative to the hour directory ({@link org.kafkaetl.core.layout.WorkLayout})
 * @param bytes the file's length once closed
 * @param records Avro records in it (data records, or undecodable messages for an error file)
 * @param offsets the Kafka offsets of its records, in the order written (ascending): the n-th record
 *     stands for the n-th offset. Empty in reports written before files kept their offsets
 */
public record LandedFile(String path, long bytes, long records, List<OffsetRange> offsets) {
  public LandedFile {
    if (path == null || path.isBlank() || bytes < 0 || records < 0) {
      throw new IllegalArgumentException("bad landed file " + path + " " + bytes + " bytes " + records + " records");
    }
    offsets = List.copyOf(offsets);
  }

  /** A file whose records' offsets are not known. */
  public LandedFile(String path, long bytes, long records) {
    this(path, bytes, records, List.of());
  }

  /** Whether {@link #offsets} name one offset per record. */
  public boolean offsetsKnown() {
    return offsets.stream().mapToLong(OffsetRange::count).sum() == records;
  }
}
