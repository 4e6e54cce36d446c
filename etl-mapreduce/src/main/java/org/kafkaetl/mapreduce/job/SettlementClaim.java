package org.kafkaetl.mapreduce.job;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One settler's claim on a directory of reads set aside ({@code _earlier/run-<id>}): the directory
 * renamed to {@code run-<id>.claimed-by-<claimer>}. A rename is atomic, so of two settlers only one
 * claims it; a later claim renames it again, and every later step of the settler it was taken from
 * fails, its source being gone ({@link #require}).
 */
final class SettlementClaim {
  private final FileSystem fs;
  private final Path dir;

  private SettlementClaim(FileSystem fs, Path dir) {
    this.fs = fs;
    this.dir = dir;
  }

  /** @return the claim, or empty if another settler claimed (or settled) the directory first */
  static Optional<SettlementClaim> take(FileSystem fs, Path dir, long runId, String claimer) throws IOException {
    Path claimed = new Path(dir.getParent(), "run-" + runId + ".claimed-by-" + claimer);
    try {
      if (fs.rename(dir, claimed)) {
        return Optional.of(new SettlementClaim(fs, claimed));
      }
    } catch (FileNotFoundException e) {
      return Optional.empty(); // the local file system says so by throwing; HDFS returns false
    }
    if (fs.exists(dir)) {
      throw new IOException("cannot claim " + dir + " (renaming it to " + claimed + " failed)");
    }
    return Optional.empty();
  }

  /** The claimed directory. */
  Path dir() {
    return dir;
  }

  /** Before each step: throws {@link Lost} if another settler has taken the directory over. */
  void require() throws Lost {
    try {
      if (fs.exists(dir)) {
        return;
      }
    } catch (IOException e) {
      throw new Lost(dir + " cannot be checked (" + e.getMessage() + "); another run settles it");
    }
    throw new Lost(dir + " was taken over by another run while this one settled it; that run settles it");
  }

  /** A settler whose claim another took over stops: the other one settles what is left. */
  static final class Lost extends IOException {
    private static final long serialVersionUID = 1L;

    Lost(String message) {
      super(message);
    }
  }
}
