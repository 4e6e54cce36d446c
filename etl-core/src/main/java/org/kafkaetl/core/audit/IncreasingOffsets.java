package org.kafkaetl.core.audit;

import java.util.List;

/**
 * Check 3 for raw topics, whose records carry offsets: through a partition's daily files (parts in
 * order) offsets strictly increase — a repeat is a duplicate, a decrease is out of order. Also
 * each record must lie in the range of the hourly file whose bytes hold it.
 */
public final class IncreasingOffsets {
  private final int partition;
  private long last = -1;
  private String lastWhere;
  private long repeats;
  private long decreases;
  private long outsideRange;
  private String firstProblem;

  public IncreasingOffsets(int partition) {
    this.partition = partition;
  }

  /** The next record's offset, read at the bytes of ledger row {@code where}. */
  public void accept(long offset, LedgerRow where) {
    if (!where.range().contains(offset)) {
      outsideRange++;
      note("offset " + offset + " at " + where.describe() + " is outside its range " + where.range());
    }
    if (offset == last) {
      repeats++;
      note("offset " + offset + " repeats at " + where.describe());
    } else if (offset < last) {
      decreases++;
      note("offset " + offset + " at " + where.describe() + " follows offset " + last + " (" + lastWhere + ")");
    }
    if (offset > last) {
      last = offset;
      lastWhere = where.hourlyPath();
    }
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
