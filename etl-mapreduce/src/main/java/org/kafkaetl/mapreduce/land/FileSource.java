package org.kafkaetl.mapreduce.land;

import java.io.IOException;
import java.io.InputStream;

/** Where a resuming task finds the earlier read's files: paths as they were in the hour directory. */
public interface FileSource {
  InputStream open(String relativePath) throws IOException;
}
