package org.kafkaetl.hdfs;

import java.io.IOException;

/**
 * A range's report is there but says nothing usable: it cannot be read or decoded, or it is the
 * report of another range. What that means is the reader's to decide (coverage: not committed; the
 * audit: a finding; the merge: count the records another way).
 */
public final class UnreadableReportException extends IOException {
  private static final long serialVersionUID = 1L;
  private final String reason;

  UnreadableReportException(String path, String reason, Throwable cause) {
    super("unreadable report " + path + ": " + reason, cause);
    this.reason = reason;
  }

  /** Why it cannot be used, without the path (the message has both). */
  public String reason() {
    return reason;
  }
}
