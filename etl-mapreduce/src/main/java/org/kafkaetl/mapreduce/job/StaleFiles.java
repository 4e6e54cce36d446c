package org.kafkaetl.mapreduce.job;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.layout.WorkLayout;

/**
 * Files an earlier read of a range left. Before a range is read again they are all removed, so none
 * can be taken for the new read's; after it, its files for dates the new read did not produce (and
 * an error file it no longer has) are removed again, in case a late commit of an earlier job put
 * some back. Either keeps each offset in one file.
 */
final class StaleFiles {
  private final Configuration conf;
  private final Path hourDir;

  StaleFiles(Configuration conf, Path hourDir) {
    this.conf = conf;
    this.hourDir = hourDir;
  }

  /** Removes every data file (all dates) and the error file of these ranges. */
  void removeEarlierFiles(Collection<KafkaEvent> events) {
    try {
      FileSystem fs = hourDir.getFileSystem(conf);
      Map<String, FileStatus[]> dateDirsByTopic = new HashMap<>();
      for (KafkaEvent event : events) {
        String fileName = WorkLayout.baseName(event) + ".avro";
        FileStatus[] dateDirs = dateDirsByTopic.computeIfAbsent(event.topic(), t -> listDirsUnchecked(fs, t));
        for (FileStatus dateDir : dateDirs) {
          if (!dateDir.getPath().getName().equals(WorkLayout.ERRORS_DIR)) {
            fs.delete(new Path(dateDir.getPath(), fileName), false);
          }
        }
        fs.delete(new Path(hourDir, WorkLayout.errorFile(event)), false);
      }
    } catch (IOException | UncheckedIOException e) {
      throw new RetriableException("cannot remove earlier files under " + hourDir + ": " + e.getMessage(), e);
    }
  }

  private FileStatus[] listDirsUnchecked(FileSystem fs, String topic) {
    try {
      return listDirs(fs, new Path(hourDir, topic));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void removeFilesOfOtherDates(Collection<RangeReport> freshReports) {
    try {
      FileSystem fs = hourDir.getFileSystem(conf);
      for (RangeReport report : freshReports) {
        removeStale(fs, report);
      }
    } catch (IOException e) {
      throw new RetriableException("cannot remove stale files under " + hourDir + ": " + e.getMessage(), e);
    }
  }

  private void removeStale(FileSystem fs, RangeReport report) throws IOException {
    Path topicDir = new Path(hourDir, report.event().topic());
    String fileName = WorkLayout.baseName(report.event()) + ".avro";
    for (FileStatus dateDir : listDirs(fs, topicDir)) {
      String date = dateDir.getPath().getName();
      if (!date.equals(WorkLayout.ERRORS_DIR) && !report.dates().contains(date)) {
        fs.delete(new Path(dateDir.getPath(), fileName), false);
      }
    }
    if (report.errorRecords() == 0) {
      fs.delete(new Path(hourDir, WorkLayout.errorFile(report.event())), false);
    }
  }

  private static FileStatus[] listDirs(FileSystem fs, Path dir) throws IOException {
    try {
      return fs.listStatus(dir, p -> true);
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }
}
