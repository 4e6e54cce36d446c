package org.kafkaetl.merge;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.merge.HourlyFile;

/**
 * One hourly file opened once: its header (schema, codec) first, so the merge can decide where the
 * file goes, then its blocks, copied as they are.
 */
final class HourlyStream implements Closeable {
  private final Path path;
  private final DataFileStream<GenericRecord> stream;

  private HourlyStream(Path path, DataFileStream<GenericRecord> stream) {
    this.path = path;
    this.stream = stream;
  }

  static HourlyStream open(FileSystem fs, HourlyFile file) throws IOException {
    Path path = new Path(file.path());
    InputStream in = fs.open(path);
    try {
      return new HourlyStream(path, new DataFileStream<>(in, new GenericDatumReader<>()));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw new IOException("cannot read hourly file " + path + " (corrupted or not Avro?): " + e.getMessage(), e);
    }
  }

  Schema schema() {
    return stream.getSchema();
  }

  /** The codec the file's blocks are written with: a new daily file takes it, so blocks are not recompressed. */
  CodecFactory codec() {
    String name = stream.getMetaString("avro.codec");
    return CodecFactory.fromString(name == null ? "null" : name);
  }

  void copyTo(DataFileWriter<GenericRecord> writer) throws IOException {
    try {
      writer.appendAllFrom(stream, false);
    } catch (IOException e) {
      throw new IOException("cannot copy hourly file " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }
}
