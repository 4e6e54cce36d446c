package org.kafkaetl.core.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.kafkaetl.core.offsets.RangeState;

/**
 * Check 3, from metadata only: a daily file is exactly the ledger's hourly files — their byte
 * ranges follow each other from the end of the Avro header to the end of the file, the file is
 * the one the ledger wrote (its id), each ledger row stands for a final etl_offsets row, and the
 * hourly files' ranges increase through a partition's parts (so its offsets can too).
 */
public final class DailyFileCheck {
  private DailyFileCheck() {}

  /** What the audit read of a daily file without reading its records. */
  public record DailyFile(String path, long headerEnd, long length, String fileId) {}

  /**
   * @param segments the ledger rows of this daily file, any order
   */
  public static List<Finding> bytes(int partition, DailyFile file, List<LedgerRow> segments) {
    List<Finding> findings = new ArrayList<>();
    String where = "daily file " + file.path();
    List<LedgerRow> sorted = segments.stream().sorted(Comparator.comparingLong(LedgerRow::byteBegin)).toList();
    String ledgerId = sorted.get(0).dailyFileId();
    if (!Objects.equals(ledgerId, file.fileId())) {
      findings.add(new Finding(Finding.Kind.DAILY_FILE, partition, where, "carries id " + file.fileId()
          + " but the ledger wrote " + ledgerId + ": the file was replaced behind the ledger's back"));
    }
    long next = file.headerEnd();
    LedgerRow previous = null;
    for (LedgerRow segment : sorted) {
      if (segment.byteBegin() > next) {
        findings.add(new Finding(Finding.Kind.DAILY_BYTES, partition, where, "bytes " + next + "-"
            + segment.byteBegin() + " before " + segment.describe() + " belong to no hourly file in the ledger"));
      } else if (segment.byteBegin() < next) {
        findings.add(new Finding(Finding.Kind.DAILY_BYTES, partition, where, "bytes " + segment.byteBegin() + "-"
            + next + " are claimed by " + segment.describe() + " and by "
            + (previous == null ? "the Avro header" : previous.describe())));
      }
      next = Math.max(next, segment.byteEnd());
      previous = segment;
    }
    if (next < file.length()) {
      findings.add(new Finding(Finding.Kind.DAILY_BYTES, partition, where, (file.length() - next)
          + " bytes after byte " + next + " belong to no hourly file in the ledger (a merge that failed left"
          + " them; readers see them until the next merge cuts them off)"));
    } else if (next > file.length()) {
      findings.add(new Finding(Finding.Kind.DAILY_BYTES, partition, where, "is " + file.length()
          + " bytes long but the ledger has hourly files up to byte " + next + ": truncated or replaced"));
    }
    return findings;
  }

  /**
   * Per partition, in part and byte order, each hourly file's range must begin at or after the end
   * of the one before it, and every ledger row must stand for a COMPLETE or LOST etl_offsets row.
   */
  public static List<Finding> ledger(int partition, List<LedgerRow> rows) {
    List<Finding> findings = new ArrayList<>();
    List<LedgerRow> sorted = rows.stream()
        .sorted(Comparator.comparingInt(LedgerRow::part).thenComparingLong(LedgerRow::byteBegin)).toList();
    LedgerRow previous = null;
    for (LedgerRow row : sorted) {
      // A recreated topic's new incarnation restarts its offsets after all of the old one's.
      if (previous != null && row.incarnation() == previous.incarnation()
          && row.range().begin() < previous.range().end()) {
        findings.add(new Finding(Finding.Kind.DAILY_ORDER, partition, row.describe(), "its range " + row.range()
            + " comes after range " + previous.range() + " in the daily files: offsets would not increase"));
      } else if (previous != null && row.incarnation() < previous.incarnation()) {
        findings.add(new Finding(Finding.Kind.DAILY_ORDER, partition, row.describe(), "its topic incarnation "
            + row.incarnation() + " comes after incarnation " + previous.incarnation() + " in the daily files"));
      }
      previous = row;
      Optional<RangeState> state = row.rangeState();
      if (state.isEmpty()) {
        findings.add(new Finding(Finding.Kind.LEDGER_RANGE, partition, row.describe(),
            "merged, but etl_offsets has no row for range " + row.range()));
      } else if (!state.get().isFinal()) {
        findings.add(new Finding(Finding.Kind.LEDGER_RANGE, partition, row.describe(),
            "merged, but etl_offsets says range " + row.range() + " is " + state.get()));
      }
    }
    return findings;
  }
}
