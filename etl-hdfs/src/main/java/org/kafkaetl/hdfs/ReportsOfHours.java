package org.kafkaetl.hdfs;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.coverage.RangeReport;

/**
 * Summaries of the reports of many hours for a reader that looks up many ranges of the same hours
 * (the merge of a day), possibly from several threads: each topic index is read once per hour
 * instead of once per range, and of its reports only the summary is held ({@link #summary}). The
 * merge holds every hour of a topic's day at once while its threads work on all of them, so a day
 * of full reports of a topic with 10 000 partitions would hold some 0.5 GB.
 */
public final class ReportsOfHours {
  private final FileSystem fs;
  private final Map<Path, HourReports> hours = new ConcurrentHashMap<>();

  public ReportsOfHours(FileSystem fs) {
    this.fs = fs;
  }

  /**
   * The summary of the report that counts for the event's range in the hour directory.
   *
   * @throws UnreadableReportException as {@link HourReports#read}
   */
  public Optional<RangeReport> read(Path hourDir, KafkaEvent event) throws IOException {
    return hours.computeIfAbsent(hourDir, dir -> new HourReports(fs, dir, ReportsOfHours::summary)).read(event)
        .map(ReportsOfHours::summary);
  }

  /**
   * What the merge reads of a report: its counts, records per event date and lost offsets; not the
   * files' offsets, the offsets read without a record or the implausible event times.
   */
  static RangeReport summary(RangeReport report) {
    return new RangeReport(report.event(), report.reached(), report.records(), report.decodeErrors(), report.bytes(),
        "", report.recordsByDate(), report.lost());
  }
}
