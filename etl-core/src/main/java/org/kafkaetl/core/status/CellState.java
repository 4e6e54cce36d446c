package org.kafkaetl.core.status;

/** What one partition's ranges of one hour amount to; declared from the most to the least urgent. */
public enum CellState {
  /** A range did not land; rerun it. */
  INCOMPLETE('I', "incomplete"),
  /** A run planned or is reading a range; stale if the run died (the next run settles it). */
  OPEN('R', "planned or running"),
  /** Every range landed but some hourly file is not in a daily file yet. */
  UNMERGED('U', "complete, not merged"),
  /** Kafka deleted part of a range before it was read; everything it still had is merged. */
  LOST('L', "part lost to retention, rest merged"),
  /** Every range landed and every hourly file is merged. */
  MERGED('M', "complete and merged"),
  /** No range of this hour for the partition: nothing new in Kafka, or no run. */
  EMPTY('.', "no range");

  /**
   * The state of some ranges taken together: the most urgent that applies.
   *
   * @param anyRange whether there is a range at all
   */
  static CellState worstOf(boolean incomplete, boolean open, boolean unmerged, boolean lost, boolean anyRange) {
    if (incomplete) {
      return INCOMPLETE;
    }
    if (open) {
      return OPEN;
    }
    if (unmerged) {
      return UNMERGED;
    }
    if (lost) {
      return LOST;
    }
    return anyRange ? MERGED : EMPTY;
  }

  private final char symbol;
  private final String meaning;

  CellState(char symbol, String meaning) {
    this.symbol = symbol;
    this.meaning = meaning;
  }

  public char symbol() {
    return symbol;
  }

  public String meaning() {
    return meaning;
  }
}
