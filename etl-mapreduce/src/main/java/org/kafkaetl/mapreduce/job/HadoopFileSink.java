package org.kafkaetl.mapreduce.job;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.mapreduce.land.FileSink;

/** A {@link FileSink} under a task attempt's work directory, so only committed files appear. */
final class HadoopFileSink implements FileSink {
  private final FileSystem fs;
  private final Path dir;

  HadoopFileSink(FileSystem fs, Path dir) {
    this.fs = fs;
    this.dir = dir;
  }

  @Override
  public OutputStream create(String relativePath) throws IOException {
    return fs.create(new Path(dir, relativePath), true);
  }
}
