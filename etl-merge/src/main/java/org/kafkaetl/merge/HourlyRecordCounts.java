package org.kafkaetl.merge;

import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.merge.HourlyFile;
import org.kafkaetl.hdfs.HourReports;

/**
 * Records in an hourly file, for the ledger: taken from the committed task report beside it (which
 * counted them per date while writing), so the merge reads each hourly file once. A file without a
 * usable report is counted from its Avro block headers.
 */
final class HourlyRecordCounts {
  private HourlyRecordCounts() {}

  static long count(FileSystem fs, HourlyFile file) throws IOException {
    Path data = new Path(file.path());
    Path hourDir = data.getParent().getParent().getParent();
    Optional<RangeReport> report = new HourReports(fs, hourDir).read(file.event());
    Long records = report.map(r -> r.recordsByDate().get(file.date().toString())).orElse(null);
    return records != null ? records : AvroFiles.count(fs, data);
  }
}
