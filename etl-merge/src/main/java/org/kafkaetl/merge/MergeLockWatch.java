package org.kafkaetl.merge;

import java.util.function.BooleanSupplier;

/**
 * The topic's merge lock as one merge's partitions see it, asked right before every step that
 * changes a daily file in a way the ledger cannot undo (delete, rename over, truncate). Once lost it
 * stays lost, so every partition stops at its next such step; the ledger's own writes are fenced by
 * the merge epoch as well.
 */
final class MergeLockWatch implements BooleanSupplier {
  private final BooleanSupplier stillHeld;
  private volatile boolean lost;

  MergeLockWatch(BooleanSupplier stillHeld) {
    this.stillHeld = stillHeld;
  }

  @Override
  public boolean getAsBoolean() {
    if (!lost && !stillHeld.getAsBoolean()) {
      lost = true;
    }
    return !lost;
  }

  /** @throws IllegalStateException naming the step, if the lock is lost */
  void requireHeld(String step) {
    if (!getAsBoolean()) {
      throw new IllegalStateException("this merge lost its lock (its database connection ended), so it did not "
          + step + "; another merge may hold the lock now and settles the daily files from the ledger. Run the"
          + " merge again");
    }
  }
}
