package org.kafkaetl.core.offsets;

import org.kafkaetl.core.EtlException;

/**
 * A run found it no longer owns what it was about to act on: its lock is gone (its database
 * connection died, so another run may already hold it), or its etl_runs row or ranges were settled
 * or taken over by another run that took it for dead. The run stops without submitting a job or
 * recording anything; the owner (or the next run) settles the ranges from committed output.
 */
public class RunFencedException extends EtlException {
  private static final long serialVersionUID = 1L;

  public RunFencedException(String message) {
    super(message);
  }
}
