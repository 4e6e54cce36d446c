package org.kafkaetl.merge;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LeaseRecoverable;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.RetriableException;

/**
 * The file-system steps that make an append undoable: take back a lease a dead writer still holds,
 * and cut a file back to a length, each waiting until HDFS has really finished. On file systems
 * without leases (local) these steps are immediate.
 */
final class HdfsFiles {
  private static final Duration POLL = Duration.ofMillis(200);

  private final FileSystem fs;
  private final Clock clock;
  private final Duration waitLimit;

  HdfsFiles(FileSystem fs, Clock clock, Duration waitLimit) {
    this.fs = fs;
    this.clock = clock;
    this.waitLimit = waitLimit;
  }

  FileSystem fs() {
    return fs;
  }

  /** If a writer that died (or was abandoned) still holds the file open, recovers its lease. */
  void recoverLease(Path file) throws IOException {
    if (fs instanceof LeaseRecoverable leases && !leases.isFileClosed(file)) {
      leases.recoverLease(file);
      awaitClosed(leases, file, "lease recovery");
    }
  }

  /** Cuts {@code file} back to {@code length} and waits until the truncate has completed. */
  void truncate(Path file, long length) throws IOException {
    boolean done = fs.truncate(file, length);
    if (!done && fs instanceof LeaseRecoverable leases) {
      awaitClosed(leases, file, "truncate");
    }
  }

  private void awaitClosed(LeaseRecoverable leases, Path file, String what) throws IOException {
    Instant deadline = clock.instant().plus(waitLimit);
    while (!leases.isFileClosed(file)) {
      if (clock.instant().isAfter(deadline)) {
        throw new RetriableException(what + " of " + file + " did not finish within " + waitLimit.toSeconds()
            + " s; HDFS may be unhealthy — run the merge again later", null);
      }
      try {
        Thread.sleep(POLL.toMillis());
        leases.recoverLease(file);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + what + " of " + file, e);
      }
    }
  }
}
