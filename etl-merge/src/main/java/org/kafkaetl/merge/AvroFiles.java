package org.kafkaetl.merge;

import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.EtlException;

/** Facts about Avro container files, read from headers and block counts without decoding records. */
final class AvroFiles {
  private AvroFiles() {}

  static long count(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file);
        DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
      long records = 0;
      while (stream.hasNext()) {
        stream.nextBlock();
        records += stream.getBlockCount();
      }
      return records;
    }
  }

  /** The file's schema; a file that is not Avro is an error naming it. */
  static Schema schema(FileSystem fs, Path file) {
    try (InputStream in = fs.open(file);
        DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
      return stream.getSchema();
    } catch (IOException e) {
      throw new EtlException("cannot read hourly file " + file + " (corrupted or not Avro?): " + e.getMessage(), e);
    }
  }

  /** The codec an Avro file's blocks are written with. */
  static CodecFactory codec(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file);
        DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
      String name = stream.getMetaString("avro.codec");
      return CodecFactory.fromString(name == null ? "null" : name);
    }
  }

  /** The id a daily file carries in its metadata, or null. */
  static String fileId(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file);
        DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
      return stream.getMetaString(DailyFileAppender.FILE_ID);
    }
  }
}
