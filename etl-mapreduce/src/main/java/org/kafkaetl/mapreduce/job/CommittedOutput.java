package org.kafkaetl.mapreduce.job;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.coverage.CommittedReports;
import org.kafkaetl.hdfs.HourReports;

/** Reads what committed tasks left in an hour directory: reports, and every file's length from one listing. */
final class CommittedOutput {
  private CommittedOutput() {}

  static CommittedReports read(FileSystem fs, Path hourDir, List<KafkaEvent> events) throws IOException {
    Map<String, Long> lengths = fileLengths(fs, hourDir);
    return new CommittedReports(new HourReports(fs, hourDir).readListed(events, lengths.keySet()), lengths);
  }

  /** Every file under the hour directory by its path relative to it; none when there is no directory. */
  private static Map<String, Long> fileLengths(FileSystem fs, Path hourDir) throws IOException {
    Map<String, Long> lengths = new HashMap<>();
    String prefix = fs.makeQualified(hourDir).toUri().getPath() + "/";
    RemoteIterator<LocatedFileStatus> files;
    try {
      files = fs.listFiles(hourDir, true);
    } catch (FileNotFoundException e) {
      return lengths;
    }
    while (files.hasNext()) {
      LocatedFileStatus file = files.next();
      String path = file.getPath().toUri().getPath();
      if (path.startsWith(prefix)) {
        lengths.put(path.substring(prefix.length()), file.getLen());
      }
    }
    return lengths;
  }
}
