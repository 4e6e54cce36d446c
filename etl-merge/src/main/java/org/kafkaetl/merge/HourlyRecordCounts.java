package org.kafkaetl.merge;

import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.merge.HourlyFile;
import org.kafkaetl.hdfs.ReportsOfHours;

/**
 * Records in an hourly file, for the ledger: taken from the committed task report beside it (which
 * counted them per date while writing), so the merge reads each hourly file once. A file without a
 * usable report is counted from its Avro block headers. Reports are read through one
 * {@code HourReports} per hour, shared by the merge's threads.
 */
final class HourlyRecordCounts {
  private final FileSystem fs;
  private final ReportsOfHours reports;

  HourlyRecordCounts(FileSystem fs, ReportsOfHours reports) {
    this.fs = fs;
    this.reports = reports;
  }

  long count(HourlyFile file) throws IOException {
    Path data = new Path(file.path());
    Path hourDir = data.getParent().getParent().getParent();
    Optional<RangeReport> report = reports.read(hourDir, file.event());
    Long records = report.map(r -> r.recordsByDate().get(file.date().toString())).orElse(null);
    return records != null ? records : AvroFiles.count(fs, data);
  }
}
