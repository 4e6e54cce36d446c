package org.kafkaetl.core.merge;

import java.time.Instant;

/**
 * What the merge ledger says of one hourly file it holds, enough to tell whether the file was written
 * again (by {@code rerun --include-complete}) after the copy in the daily file was taken.
 *
 * @param mergedAt when the merge recorded it, by the merge host's clock
 * @param modifiedAtMerge the file's modification time as the merge that copied it listed it, by the
 *     file system's clock; null for rows recorded before merges kept it
 */
public record MergedHourlyFile(Instant mergedAt, Instant modifiedAtMerge) {
  /**
   * Recorded as the modification time of an hourly file that was gone when a rebuild took its
   * records from the daily file: no file system gives a file this time, so one written there later
   * (a rerun) still differs from it.
   */
  public static final Instant ABSENT = Instant.EPOCH;

  public MergedHourlyFile {
    java.util.Objects.requireNonNull(mergedAt, "mergedAt");
  }

  /**
   * Whether the file, now modified at {@code modifiedNow}, is not the one the merge copied. Its own
   * recorded time is compared with its time now (both the file system's clock), so a merge host
   * whose clock is ahead cannot hide a rewrite. Rows without it fall back to the merge time: a
   * modification after it is a rewrite, which a merge host's clock running ahead can miss.
   */
  public boolean writtenAgain(Instant modifiedNow) {
    return modifiedAtMerge != null ? !modifiedNow.equals(modifiedAtMerge) : modifiedNow.isAfter(mergedAt);
  }

  /**
   * Whether the file, now gone from its hour, was gone when the daily file's copy was last made its
   * source too. Otherwise a rerun removed it after its merge (its records now land on another date
   * or in the error file), the daily file still holds them, and only a rebuild takes them out.
   * Rows without a recorded time cannot tell, and count as removed: the rebuild then records it.
   */
  public boolean goneAtMerge() {
    return ABSENT.equals(modifiedAtMerge);
  }

  /**
   * Whether the daily file's copy no longer stands for the hourly file as it is now: written again
   * since its merge ({@link #writtenAgain}), or gone from its hour ({@code modifiedNow} null) without
   * a rebuild having recorded it gone ({@link #goneAtMerge}). Cleanup and status keep such an hour
   * for a rebuild of its date.
   *
   * @param modifiedNow the file's modification time now, or null when it is not in its hour
   */
  public boolean outOfDate(Instant modifiedNow) {
    return modifiedNow == null ? !goneAtMerge() : writtenAgain(modifiedNow);
  }

  /**
   * Two rows for one path (the same offsets of two incarnations of a recreated topic): their own
   * times only if they agree; otherwise the later merge time, as for rows without them.
   */
  public MergedHourlyFile and(MergedHourlyFile other) {
    Instant later = mergedAt.isAfter(other.mergedAt) ? mergedAt : other.mergedAt;
    boolean agree = modifiedAtMerge != null && modifiedAtMerge.equals(other.modifiedAtMerge);
    return new MergedHourlyFile(later, agree ? modifiedAtMerge : null);
  }
}
