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
  LOCKED(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
