package org.kafkaetl.core;

/** Process exit codes, the contract with cron and Oozie (documented in README). */
public enum ExitCode {
  /** Everything planned was landed. */
  OK(0),
  /** The run failed; nothing was marked complete that is not. */
  FAILED(1),
  /** Bad command-line arguments or configuration; nothing was consumed or written. */
  BAD_ARGUMENTS(2),
  /** The job ran but some ranges are INCOMPLETE; an alert names the rerun command. */
  INCOMPLETE(3),
  /** {@code audit}: the data does not agree with etl_offsets and the merge ledger; each problem is listed. */
  PROBLEMS_FOUND(3),
  /** Another run holds the lock; this one did nothing. */
  LOCKED(4),
  /**
   * Everything that could be read landed, but Kafka had deleted offsets before they were read:
   * they are recorded as LOST and alerted; no command brings them back.
   */
  DATA_LOST(5);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * A run's code once the merge after it ran: the merge's failure shows unless the run itself did
   * not complete; a run that lost data stays DATA_LOST when its merge was fine.
   */
  public static ExitCode afterMerge(ExitCode run, ExitCode merge) {
    if (run == OK) {
      return merge;
    }
    if (run == DATA_LOST) {
      return merge == OK ? DATA_LOST : merge;
    }
    return run;
  }
}
