package org.kafkaetl.mapreduce.job;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Collection;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.layout.WorkLayout;

/**
 * After a range is read again, its files for dates the new read did not produce (and an error file
 * it no longer has) are left from the earlier read; removing them keeps each offset in one file.
 */
final class StaleFiles {
  private final Configuration conf;
  private final Path hourDir;

  StaleFiles(Configuration conf, Path hourDir) {
    this.conf = conf;
    this.hourDir = hourDir;
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
