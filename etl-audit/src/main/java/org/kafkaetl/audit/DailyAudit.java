package org.kafkaetl.audit;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.audit.AuditReport;
import org.kafkaetl.core.audit.AuditWindow;
import org.kafkaetl.core.audit.ContentDigest;
import org.kafkaetl.core.audit.DailyFileCheck;
import org.kafkaetl.core.audit.Finding;
import org.kafkaetl.core.audit.IncreasingOffsets;
import org.kafkaetl.core.audit.LandedNames;
import org.kafkaetl.core.audit.LedgerRow;
import org.kafkaetl.core.audit.SegmentCheck;

/**
 * Check 3 for one date: the daily files hold exactly the ledger's hourly files — byte ranges that
 * fill the file, the same records as each hourly file, as many as the ledger says, offsets
 * increasing — every final hourly file of the date is merged, and no daily file is unknown to the
 * ledger. A whole day is read front to back; an hour window reads only its hourly files' bytes.
 */
final class DailyAudit {
  private final FileSystem warehouse;
  private final FileSystem work;
  private final String warehouseRoot;
  private final String topic;
  private final LandedNames names;
  private final AuditWindow window;
  private final Map<String, ContentDigest> hourlyDigests;
  private final AuditReport report;

  DailyAudit(FileSystem warehouse, FileSystem work, String warehouseRoot, String topic, AuditWindow window,
      Map<String, ContentDigest> hourlyDigests, AuditReport report) {
    this.warehouse = warehouse;
    this.work = work;
    this.warehouseRoot = warehouseRoot;
    this.topic = topic;
    this.names = new LandedNames(topic);
    this.window = window;
    this.hourlyDigests = hourlyDigests;
    this.report = report;
  }

  /**
   * @param ledger the date's whole ledger
   * @param read which ledger rows' bytes to read (all for a day)
   * @param wholeDay read the daily files front to back, and report daily files the ledger does not know
   * @param landed hourly data files of the date that must be merged if their ranges are final
   */
  void audit(LocalDate date, List<LedgerRow> ledger, Predicate<LedgerRow> read, boolean wholeDay,
      List<HourlyFile> landed) throws IOException {
    Map<Integer, List<LedgerRow>> byPartition = new TreeMap<>(ledger.stream()
        .collect(Collectors.groupingBy(LedgerRow::partition)));
    byPartition.forEach((p, rows) -> report.addAll(DailyFileCheck.ledger(p, rows)));
    checkMerged(date, ledger, landed);
    Map<String, FileStatus> present = dailyFiles(date, wholeDay);
    for (Map.Entry<Integer, List<LedgerRow>> partition : byPartition.entrySet()) {
      IncreasingOffsets offsets = new IncreasingOffsets(partition.getKey());
      for (List<LedgerRow> ofFile : byDailyFile(partition.getValue()).values()) {
        String path = TopicAudit.plain(new Path(ofFile.get(0).dailyPath()));
        if (present.remove(path) == null) {
          report.add(new Finding(Finding.Kind.DAILY_FILE, partition.getKey(), "daily file " + ofFile.get(0).dailyPath(),
              "is gone, though the ledger has " + ofFile.size() + " hourly files with "
                  + ofFile.stream().mapToLong(LedgerRow::records).sum() + " records in it; run: merge --topic " + topic
                  + " --date " + date + " --rebuild"));
        } else if (wholeDay || ofFile.stream().anyMatch(read)) {
          auditFile(partition.getKey(), new Path(ofFile.get(0).dailyPath()), ofFile, read, wholeDay, offsets);
        }
      }
      report.addAll(offsets.findings("daily files of " + topic + " " + date + " partition " + partition.getKey()));
    }
    if (wholeDay) {
      present.values().forEach(f -> report.add(new Finding(Finding.Kind.DAILY_FILE,
          names.dailyFile(f.getPath().getName()).map(LandedNames.DailyName::partition).orElse(Finding.NO_PARTITION),
          "daily file " + f.getPath(), "the merge ledger does not know this file")));
    }
  }

  /** A final range's hourly file in no daily file is data the warehouse does not have. */
  private void checkMerged(LocalDate date, List<LedgerRow> ledger, List<HourlyFile> landed) {
    Set<String> merged = ledger.stream().map(r -> r.partition() + ":" + r.range()).collect(Collectors.toSet());
    for (HourlyFile f : landed) {
      if (f.state().isFinal() && !merged.contains(f.partition() + ":" + f.range())) {
        report.add(new Finding(Finding.Kind.NOT_MERGED, f.partition(), "hourly file " + f.path(), "range " + f.range()
            + " is " + f.state() + " but in no daily file of " + date + "; run: merge --topic " + topic + " --date "
            + date));
      }
    }
  }

  /** The day directory's daily files by plain path; anything else there that the layout does not write is reported. */
  private Map<String, FileStatus> dailyFiles(LocalDate date, boolean reportStrangers) throws IOException {
    Path dayDir = new Path(warehouseRoot, topic + "/" + date);
    Map<String, FileStatus> files = new HashMap<>();
    if (!warehouse.exists(dayDir)) {
      return files;
    }
    for (FileStatus f : warehouse.listStatus(dayDir)) {
      String name = f.getPath().getName();
      if (f.isFile() && names.dailyFile(name).isPresent()) {
        files.put(TopicAudit.plain(f.getPath()), f);
      } else if (name.equals("_rebuild")) {
        report.note(dayDir + "/_rebuild is left from a rebuild that did not finish (harmless; the next rebuild reuses it)");
      } else if (reportStrangers && !name.equals("_COMPLETE") && !name.startsWith(".")) {
        report.add(new Finding(Finding.Kind.UNEXPECTED_FILE, Finding.NO_PARTITION, "file " + f.getPath(),
            "not a name the merge writes here"));
      }
    }
    return files;
  }

  private static Map<String, List<LedgerRow>> byDailyFile(List<LedgerRow> rows) {
    Map<String, List<LedgerRow>> byFile = new LinkedHashMap<>();
    rows.stream().sorted(Comparator.comparingInt(LedgerRow::part).thenComparingLong(LedgerRow::byteBegin))
        .forEach(r -> byFile.computeIfAbsent(r.dailyPath(), p -> new ArrayList<>()).add(r));
    return byFile;
  }

  private void auditFile(int partition, Path path, List<LedgerRow> rows, Predicate<LedgerRow> read, boolean wholeDay,
      IncreasingOffsets offsets) throws IOException {
    Map<LedgerRow, RecordDigest> digests = new HashMap<>();
    long[] records = {0};
    try (DailyFileReader reader = new DailyFileReader(warehouse, path)) {
      report.addAll(DailyFileCheck.bytes(partition, reader.file(), rows));
      boolean offsetsKnown = LandedRecords.carriesOffset(reader.schema());
      DailyFileReader.SegmentVisitor visitor = (row, record) -> {
        records[0]++;
        if (row != null) {
          digests.computeIfAbsent(row, r -> new RecordDigest(reader.schema())).add(record);
        }
        if (offsetsKnown) {
          LandedRecords.coordinates(record).ifPresent(c -> offsets.accept(c.offset(), row));
        }
      };
      if (wholeDay) {
        reader.readAll(rows, visitor);
      } else {
        readRows(reader, rows.stream().filter(read).toList(), visitor);
      }
      for (LedgerRow row : rows.stream().filter(read).toList()) {
        ContentDigest inDaily = digests.getOrDefault(row, new RecordDigest(reader.schema())).finish();
        report.addAll(SegmentCheck.compare(row, inDaily, hourlyDigest(row)));
      }
    } catch (AvroFileScan.UnreadableFile e) {
      report.add(new Finding(Finding.Kind.UNREADABLE, partition, "daily file " + path, e.getMessage()));
    }
    report.line(partition).addDaily(records[0]);
  }

  private void readRows(DailyFileReader reader, List<LedgerRow> rows, DailyFileReader.SegmentVisitor visitor)
      throws IOException {
    for (LedgerRow row : rows) {
      if (!reader.readRow(row, visitor)) {
        report.add(new Finding(Finding.Kind.DAILY_BYTES, row.partition(), "daily file " + row.dailyPath(),
            "no Avro block starts at byte " + row.byteBegin() + ", where the ledger puts " + row.describe()));
      }
    }
  }

  /**
   * The hourly file's digest: from check 2 when it read the file, else read now. Empty when the
   * file is gone; that is a finding when its hour directory is still there (for hours in the
   * window check 2 has reported the range's missing offsets already).
   */
  private Optional<ContentDigest> hourlyDigest(LedgerRow row) throws IOException {
    Path path = new Path(row.hourlyPath());
    ContentDigest known = hourlyDigests.get(TopicAudit.plain(path));
    if (known != null) {
      return Optional.of(known);
    }
    if (work.exists(path)) {
      try {
        ContentDigest digest = AvroFileScan.scan(work, path, (record, d) -> { });
        hourlyDigests.put(TopicAudit.plain(path), digest);
        return Optional.of(digest);
      } catch (AvroFileScan.UnreadableFile e) {
        report.add(new Finding(Finding.Kind.UNREADABLE, row.partition(), "hourly file " + path, e.getMessage()));
        return Optional.empty();
      }
    }
    Path hourDir = path.getParent().getParent().getParent();
    if (!window.contains(row.hour()) && work.exists(hourDir)) {
      report.add(new Finding(Finding.Kind.MISSING, row.partition(), row.describe(), "the merged hourly file is gone"
          + " though its hour directory " + hourDir + " is still there (deleted by hand?)"));
    }
    return Optional.empty();
  }
}
