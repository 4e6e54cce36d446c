package org.kafkaetl.core.coverage;

/**
 * One file a task wrote for an event, as its report describes it, so coverage can tell this read's
 * file from an earlier read's file of the same name.
 *
 * @param path relative to the hour directory ({@link org.kafkaetl.core.layout.WorkLayout})
 * @param bytes the file's length once closed
 * @param records Avro records in it (data records, or undecodable messages for an error file)
 */
public record LandedFile(String path, long bytes, long records) {
  public LandedFile {
    if (path == null || path.isBlank() || bytes < 0 || records < 0) {
      throw new IllegalArgumentException("bad landed file " + path + " " + bytes + " bytes " + records + " records");
    }
  }
}
