package org.kafkaetl.core.audit;

import java.util.List;
import org.kafkaetl.core.OffsetIntervals;

/**
 * Check 3 for raw topics, whose records carry offsets: through a partition's daily files (parts in
 * order) offsets strictly increase — a repeat is a duplicate, a decrease is out of order. Also
 * each record must lie in the range of the hourly file whose bytes hold it.
 */
public final class IncreasingOffsets {
  private final int partition;
  /** Offsets met in increasing order: compact intervals, so a copy of an earlier one is recognised. */
  private OffsetIntervals seen = new OffsetIntervals();
  private long last = -1;
  /** The topic incarnation of the records met: a recreated topic restarts its offsets. */
  private int incarnation;
  private String lastWhere;
  private long repeats;
  private long decreases;
  private long outsideRange;
  private String firstProblem;

  public IncreasingOffsets(int partition) {
    this.partition = partition;
  }

  /**
   * The next record's offset, read at the bytes of ledger row {@code where} (null: bytes no ledger
   * row accounts for, already a finding of their own).
   */
  public void accept(long offset, LedgerRow where) {
    if (where != null && where.incarnation() > incarnation) {
      incarnation = where.incarnation();
      seen = new OffsetIntervals();
      last = -1;
    }
    if (where != null && !where.range().contains(offset)) {
      outsideRange++;
      note("offset " + offset + " at " + where.describe() + " is outside its range " + where.range());
    }
    if (offset > last) {
      seen.add(offset);
      last = offset;
      lastWhere = where == null ? "bytes no ledger row accounts for" : where.hourlyPath();
    } else if (seen.contains(offset)) {
      repeats++;
      note("offset " + offset + " repeats at " + describe(where));
    } else {
      decreases++;
      note("offset " + offset + " at " + describe(where) + " follows offset " + last + " (" + lastWhere + ")");
    }
  }

  private static String describe(LedgerRow where) {
    return where == null ? "bytes no ledger row accounts for" : where.describe();
  }

  private void note(String problem) {
    if (firstProblem == null) {
      firstProblem = problem;
    }
  }

  public List<Finding> findings(String dailyFiles) {
    if (firstProblem == null) {
      return List.of();
    }
    return List.of(new Finding(Finding.Kind.DAILY_ORDER, partition, dailyFiles, repeats + " repeated, " + decreases
        + " decreasing and " + outsideRange + " misplaced offsets; first: " + firstProblem));
  }
}
