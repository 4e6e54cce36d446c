package org.kafkaetl.mapreduce.job;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.kafkaetl.hdfs.FileSteps;
import org.kafkaetl.hdfs.ReportFold;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds an hour's loose reports into topic indexes ({@link ReportFold}) for the run that just
 * recorded its outcomes, while it holds the hourly lock and its job has ended. Its workspace is
 * {@code _attempts/run-<id>/_fold}, inside the run directory its job's setup made and its commit
 * kept (see {@link RunOutputCommitter}): a run that takes the hour over fences that directory, and
 * cleanup removes it with the hour, so from then on every step of this fold fails instead of acting.
 * That the directory exists without a gap from the job's setup until the fold is what keeps a
 * stalled folder harmless: a run directory made only for the fold could be made after the new
 * holder's fence, which fences only the run directories it finds. (A run taken over before its
 * outcomes were recorded never folds: the store refuses its {@code finishRun}.)
 * A fold that fails changes no report that counts; it is logged, and the hour stays partly loose
 * until a later run of it folds.
 */
final class FoldAfterRun {
  static final String WORKSPACE = "_fold";
  private static final Logger LOG = LoggerFactory.getLogger(FoldAfterRun.class);

  private FoldAfterRun() {}

  /** For tests: a folder that holds the hour throughout. */
  static Optional<ReportFold.Folded> fold(FileSystem fs, Path hourDir, long runId) {
    return fold(fs, hourDir, runId, () -> true);
  }

  /**
   * @param fs the file system the hour directory is on, resolved (not a view of it): the fold
   *     replaces an index in one rename only on HDFS (and the local file system of tests)
   * @param holdsHour whether the run still holds the hourly lock; asked right before other runs'
   *     directories are fenced, which would otherwise destroy the work of the run that took over
   * @return what was folded; empty when the fold failed or could not start
   */
  static Optional<ReportFold.Folded> fold(FileSystem fs, Path hourDir, long runId, BooleanSupplier holdsHour) {
    if (!(fs instanceof DistributedFileSystem || fs instanceof LocalFileSystem)) {
      LOG.warn("reports of {} not folded: {} cannot replace a file in one step, a crash could lose an index", hourDir,
          fs.getClass().getSimpleName());
      return Optional.empty();
    }
    Path runDir = RunOutputCommitter.runDir(hourDir, runId);
    try {
      if (!holdsHour.getAsBoolean()) {
        LOG.warn("reports of {} not folded: run {} no longer holds the hour", hourDir, runId);
        return Optional.empty();
      }
      // Again, now: no older job may commit into the hour once its reports are being folded.
      RunOutputCommitter.fenceOtherRuns(fs, hourDir, runId);
      Path workspace = new Path(runDir, WORKSPACE);
      FileSteps.mkdir(fs, workspace);
      ReportFold.Folded folded = new ReportFold(fs, hourDir).fold(workspace);
      LOG.info("folded {} loose report(s) of {} into {} topic index(es)", folded.loose(), hourDir,
          folded.looseByTopic().size());
      return Optional.of(folded);
    } catch (IOException | RuntimeException e) {
      LOG.warn("reports of {} not folded ({}); no report that counts changed, they stay loose until a later run of"
          + " the hour folds them", hourDir, e.getMessage());
      return Optional.empty();
    } finally {
      removeOwn(fs, runDir);
    }
  }

  /** The run's own directory, unless it is a fence another run left (a file). */
  static void removeOwn(FileSystem fs, Path runDir) {
    try {
      if (fs.getFileStatus(runDir).isDirectory()) {
        fs.delete(runDir, true);
      }
    } catch (FileNotFoundException e) {
      // removed with its hour, or never made
    } catch (IOException e) {
      LOG.warn("cannot remove {} ({}); the next run of the hour fences it", runDir, e.getMessage());
    }
  }
}
