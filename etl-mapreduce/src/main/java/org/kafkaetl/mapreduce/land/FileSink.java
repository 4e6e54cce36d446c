package org.kafkaetl.mapreduce.land;

import java.io.IOException;
import java.io.OutputStream;

/** Where a task writes its files: paths are relative to the task's own (uncommitted) output. */
public interface FileSink {
  /** Creates the file, replacing any earlier one of the same name. */
  OutputStream create(String relativePath) throws IOException;
}
