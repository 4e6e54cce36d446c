package org.kafkaetl.merge;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReportCodec;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.merge.HourlyFile;

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
    try (InputStream in = fs.open(new Path(hourDir, WorkLayout.reportFile(file.event())))) {
      RangeReport report = ReportCodec.decode(in);
      Long records = report.recordsByDate().get(file.date().toString());
      if (records != null) {
        return records;
      }
    } catch (FileNotFoundException e) {
      // counted below
    }
    return AvroFiles.count(fs, data);
  }
}
