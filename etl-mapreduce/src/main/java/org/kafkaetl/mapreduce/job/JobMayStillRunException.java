package org.kafkaetl.mapreduce.job;

import org.kafkaetl.core.EtlException;

/**
 * The driver could neither wait for its job nor see it end after killing it: the job may still
 * commit, so nothing may be recorded as read. Names the job so the run can page its kill command.
 */
public final class JobMayStillRunException extends EtlException {
  private static final long serialVersionUID = 1L;

  private final String jobId;

  JobMayStillRunException(String jobId, String message, Throwable cause) {
    super(message, cause);
    this.jobId = jobId;
  }

  public String jobId() {
    return jobId;
  }
}
