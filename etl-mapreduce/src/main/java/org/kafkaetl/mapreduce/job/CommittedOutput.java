package org.kafkaetl.mapreduce.job;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.coverage.CommittedReports;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReportCodec;
import org.kafkaetl.core.layout.WorkLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads what committed tasks left in an hour directory: reports, and every file's length from one listing. */
final class CommittedOutput {
  private static final Logger LOG = LoggerFactory.getLogger(CommittedOutput.class);

  private CommittedOutput() {}

  static CommittedReports read(FileSystem fs, Path hourDir, List<KafkaEvent> events) throws IOException {
    Map<KafkaEvent, RangeReport> reports = new HashMap<>();
    Map<String, Long> lengths = fileLengths(fs, hourDir);
    for (KafkaEvent event : events) {
      if (lengths.containsKey(WorkLayout.reportFile(event))) {
        readReport(fs, new Path(hourDir, WorkLayout.reportFile(event)), event, reports);
      }
    }
    return new CommittedReports(reports, lengths);
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

  private static void readReport(FileSystem fs, Path file, KafkaEvent event, Map<KafkaEvent, RangeReport> reports)
      throws IOException {
    RangeReport report;
    try (InputStream in = fs.open(file)) {
      report = ReportCodec.decode(in);
    } catch (FileNotFoundException e) {
      return; // not committed: coverage marks the range incomplete
    } catch (IOException | RuntimeException e) {
      LOG.warn("unreadable report {} ({}); its range counts as not committed", file, e.getMessage());
      return;
    }
    // Whether its files are there and hold what it says is coverage's to decide (CoverageCheck).
    if (report.event().equals(event)) {
      reports.put(event, report);
    }
  }
}
