package org.kafkaetl.merge;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.file.SeekableInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A daily file's Avro header — schema, the id the merge gave the file, codec and sync marker — read
 * with one open. Appending needs the header again ({@code DataFileWriter.appendTo}); it is given these
 * bytes instead of a second open of the file.
 */
record DailyHeader(Schema schema, String fileId, byte[] bytes) {
  private static final int FIRST_READ = 64 * 1024;

  /** Reads the header of {@code file}, whose length is {@code length}. */
  static DailyHeader read(FileSystem fs, Path file, long length) throws IOException {
    try (FSDataInputStream in = fs.open(file)) {
      int size = (int) Math.min(length, FIRST_READ);
      while (true) {
        byte[] bytes = new byte[size];
        in.readFully(0, bytes);
        try (DataFileStream<GenericRecord> stream =
            new DataFileStream<>(new ByteArrayInputStream(bytes), new GenericDatumReader<>())) {
          return new DailyHeader(stream.getSchema(), stream.getMetaString(DailyFileAppender.FILE_ID), bytes);
        } catch (EOFException e) {
          // a schema larger than what was read: read more, up to the whole file
          if (size >= length) {
            throw e;
          }
          size = (int) Math.min(length, 4L * size);
        }
      }
    }
  }

  /** The header as a file of its own, for {@code DataFileWriter.appendTo}. */
  SeekableInput asInput() {
    return new SeekableByteArrayInput(bytes);
  }

  @Override
  public String toString() {
    return "DailyHeader[fileId=" + fileId + ", " + bytes.length + " bytes]";
  }
}
