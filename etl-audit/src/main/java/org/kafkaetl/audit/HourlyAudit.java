package org.kafkaetl.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.audit.AuditReport;
import org.kafkaetl.core.audit.AuditSource;
import org.kafkaetl.core.audit.AuditWindow;
import org.kafkaetl.core.audit.Finding;
import org.kafkaetl.core.audit.LandedNames;
import org.kafkaetl.core.audit.LedgerRow;
import org.kafkaetl.core.audit.RangeRow;
import org.kafkaetl.hdfs.HourReports;
import org.kafkaetl.hdfs.UnreadableReportException;

/**
 * Check 2 over a window: hour directory by hour directory, every etl_offsets row's files are
 * audited ({@link RangeAudit}), every file no row explains is reported, and an hour directory
 * cleanup removed is accepted only where its ranges were merged.
 */
final class HourlyAudit {
  private final FileSystem fs;
  private final String workRoot;
  private final String topic;
  private final LandedNames names;
  private final RangeAudit ranges;
  private final AuditSource source;
  private final AuditReport report;

  HourlyAudit(FileSystem fs, String workRoot, String topic, RangeAudit ranges, AuditSource source, AuditReport report) {
    this.fs = fs;
    this.workRoot = workRoot;
    this.topic = topic;
    this.names = new LandedNames(topic);
    this.ranges = ranges;
    this.source = source;
    this.report = report;
  }

  /** Audits the window's hours; returns the data files found, for the daily check. */
  /** @param lost per incarnation of the topic, the lost ranges of each partition */
  List<HourlyFile> audit(AuditWindow window, List<RangeRow> rows, Map<Integer, Map<Integer, List<OffsetRange>>> lost)
      throws IOException {
    Map<HourPartition, List<RangeRow>> byHour = new TreeMap<>(rows.stream().collect(Collectors.groupingBy(RangeRow::hour)));
    List<HourlyFile> found = new ArrayList<>();
    List<HourPartition> cleanedUp = new ArrayList<>();
    for (HourPartition hour : window.hours()) {
      List<RangeRow> ofHour = byHour.getOrDefault(hour, List.of());
      Path hourDir = new Path(workRoot, hour.toString());
      Optional<HourDirectory> dir = HourDirectory.list(fs, hourDir, topic, names);
      if (dir.isEmpty()) {
        if (!ofHour.isEmpty()) {
          cleanedUp.add(hour);
        }
        continue;
      }
      // One per hour: the topic's index, if the hour was folded, is read once for all its ranges.
      HourReports reports = new HourReports(fs, hourDir);
      for (RangeRow row : ofHour) {
        found.addAll(auditRow(row, dir.get(), hourDir, reports,
            lost.getOrDefault(row.incarnation(), Map.of()).getOrDefault(row.partition(), List.of())));
      }
      dir.get().leftovers().forEach(this::unexpected);
    }
    if (!cleanedUp.isEmpty()) {
      checkCleanedUp(window, byHour, cleanedUp);
    }
    return found;
  }

  private List<HourlyFile> auditRow(RangeRow row, HourDirectory dir, Path hourDir, HourReports reports,
      List<OffsetRange> lost)
      throws IOException {
    List<HourDirectory.DataFile> files = dir.takeData(row.partition(), row.range());
    Optional<Path> errors = dir.takeErrors(row.partition(), row.range());
    if (!row.state().isFinal()) {
      // Reported by the tiling check (NOT_FINAL); its files are still being written or incomplete.
      report.line(row.partition()).addUntallied();
      return List.of();
    }
    String where = row.describe() + ", files " + hourDir + "/" + topic + "/*/" + topic + "." + row.partition() + "."
        + row.range() + ".avro";
    ranges.audit(row, lost, files, errors, rangeReport(row, reports), where);
    return files.stream()
        .map(f -> new HourlyFile(f.path(), f.date(), row.partition(), row.range(), row.hour(), row.state())).toList();
  }

  /**
   * The report the range's read wrote; empty when there is none. One that cannot be read is a
   * finding: the range is then compared by number.
   */
  private Optional<RangeReport> rangeReport(RangeRow row, HourReports reports) throws IOException {
    KafkaEvent event = new KafkaEvent(TopicPartition.of(topic, row.partition()), row.range());
    try {
      return reports.read(event);
    } catch (UnreadableReportException e) {
      report.add(new Finding(Finding.Kind.UNREADABLE, row.partition(), "report " + reports.path(event), e.reason()));
      return Optional.empty();
    }
  }

  private void unexpected(Path path) {
    Optional<LandedNames.RangeFile> named = names.dataFile(path.getName()).or(() -> names.errorFile(path.getName()));
    report.add(new Finding(Finding.Kind.UNEXPECTED_FILE, named.map(LandedNames.RangeFile::partition)
        .orElse(Finding.NO_PARTITION), "file " + path, named.isPresent()
            ? "no etl_offsets row of its hour has range " + named.get().range() + ": a stray or tampered file"
            : "not a name the layout writes here"));
  }

  /**
   * Cleanup deletes an hour directory only when all its data is merged: then its ranges live on in
   * the daily files (check 3). A range with records that the ledger does not hold is data gone.
   */
  private void checkCleanedUp(AuditWindow window, Map<HourPartition, List<RangeRow>> byHour,
      List<HourPartition> cleanedUp) {
    Set<String> merged = source.ledgerOfHours(topic, window.from(), window.to()).stream()
        .map(HourlyAudit::key).collect(Collectors.toSet());
    for (HourPartition hour : cleanedUp) {
      int rangesOfHour = 0;
      for (RangeRow row : byHour.get(hour)) {
        report.line(row.partition()).addUntallied();
        rangesOfHour++;
        if (row.state().isFinal() && row.recordedRecords() > 0 && !merged.contains(key(row))) {
          report.add(new Finding(Finding.Kind.HOUR_GONE, row.partition(), row.describe(), "hour directory "
              + new Path(workRoot, hour.toString()) + " is gone, but the merge ledger holds no file of this range"));
        }
      }
      report.note("hour " + hour + ": directory removed by cleanup; its " + rangesOfHour
          + " ranges were checked only through etl_offsets and the daily files");
    }
  }

  private static String key(LedgerRow row) {
    return row.partition() + ":" + row.range();
  }

  private static String key(RangeRow row) {
    return row.partition() + ":" + row.range();
  }
}
