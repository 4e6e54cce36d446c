package org.kafkaetl.mapreduce.job;

import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.JobStatus;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.PathOutputCommitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits each task's files into the hour directory, like Hadoop's FileOutputCommitter v2 (a failed
 * job keeps what its committed tasks landed), but with a work directory per run:
 * {@code <hour>/_attempts/run-<id>/<task attempt>/}. FileOutputCommitter shares
 * {@code <hour>/_temporary} among all jobs writing the hour and deletes it for everyone when one
 * job commits or aborts, so an orphaned job could delete a newer attempt's uncommitted files.
 *
 * <p>Before a run submits its job it fences every other run's directory in the hour
 * ({@link #fenceOtherRuns}): their uncommitted files are deleted and an empty file takes the
 * directory's place. An older job that somehow still runs then has nothing to commit (its sources
 * are gone) and cannot write anything new (a file cannot have children), so it can never overwrite
 * the newer attempt's files; its task commits fail instead.
 */
final class RunOutputCommitter extends PathOutputCommitter {
  private static final Logger LOG = LoggerFactory.getLogger(RunOutputCommitter.class);
  private static final java.util.regex.Pattern RUN_DIR = java.util.regex.Pattern.compile("run-\\d+");

  private final Path hourDir;
  private final Path runDir;
  private final Path taskWorkDir;

  RunOutputCommitter(Path hourDir, TaskAttemptContext context) throws IOException {
    super(hourDir, context);
    this.hourDir = hourDir;
    this.runDir = runDir(hourDir, context.getConfiguration().getLong(JobSettings.RUN_ID, -1));
    this.taskWorkDir = new Path(runDir, context.getTaskAttemptID().toString());
  }

  static Path runDir(Path hourDir, long runId) {
    return new Path(new Path(hourDir, org.kafkaetl.core.layout.WorkLayout.ATTEMPTS_DIR), "run-" + runId);
  }

  @Override
  public Path getOutputPath() {
    return hourDir;
  }

  @Override
  public Path getWorkPath() {
    return taskWorkDir;
  }

  @Override
  public void setupJob(JobContext context) throws IOException {
    FileSystem fs = fs(context);
    requireNotFenced(fs);
    fs.mkdirs(runDir);
  }

  @Override
  public void setupTask(TaskAttemptContext context) {
    // the mapper's first file creates the work directory
  }

  @Override
  public boolean needsTaskCommit(TaskAttemptContext context) throws IOException {
    return fs(context).exists(taskWorkDir);
  }

  @Override
  public void commitTask(TaskAttemptContext context) throws IOException {
    FileSystem fs = fs(context);
    requireNotFenced(fs);
    move(fs, fs.getFileStatus(taskWorkDir), hourDir);
    fs.delete(taskWorkDir, true);
  }

  @Override
  public void abortTask(TaskAttemptContext context) throws IOException {
    fs(context).delete(taskWorkDir, true);
  }

  @Override
  public void commitJob(JobContext context) throws IOException {
    cleanupOwnRunDir(fs(context));
  }

  @Override
  public void abortJob(JobContext context, JobStatus.State state) throws IOException {
    cleanupOwnRunDir(fs(context));
  }

  /**
   * Makes every other run's work directory in the hour unusable: its files are deleted and an empty
   * file takes its place (left there, so no late writer can recreate the directory). Called by the
   * driver before it submits a job into the hour, after older jobs were stopped.
   */
  static void fenceOtherRuns(FileSystem fs, Path hourDir, long runId) throws IOException {
    Path attempts = new Path(hourDir, org.kafkaetl.core.layout.WorkLayout.ATTEMPTS_DIR);
    if (!fs.exists(attempts)) {
      return;
    }
    Path own = runDir(hourDir, runId);
    for (FileStatus other : fs.listStatus(attempts)) {
      String name = other.getPath().getName();
      // Only run directories: never anything else that might be there (a topic of that name).
      if (other.isDirectory() && RUN_DIR.matcher(name).matches() && !name.equals(own.getName())) {
        fence(fs, other.getPath());
      }
    }
  }

  private static void fence(FileSystem fs, Path dir) throws IOException {
    for (int attempt = 0; attempt < 10; attempt++) {
      fs.delete(dir, true);
      // createNewFile fails if a late writer recreated the directory in between: delete again
      if (fs.createNewFile(dir)) {
        LOG.warn("fenced {}: an older job of this hour can no longer write or commit there", dir);
        return;
      }
    }
    throw new IOException("cannot fence " + dir + ": something keeps recreating it (an older job still running?)");
  }

  private void requireNotFenced(FileSystem fs) throws IOException {
    try {
      if (!fs.getFileStatus(runDir).isDirectory()) {
        throw new IOException(runDir + " is fenced: a newer attempt owns hour " + hourDir.getName()
            + "; this job must not commit");
      }
    } catch (FileNotFoundException e) {
      // not created yet (setupJob)
    }
  }

  /**
   * Moves the files under {@code from} to the same places under {@code to}, replacing files of the
   * same name. Directories are created, never renamed: tasks of one job commit at the same time,
   * and renaming a directory onto one another task just created would move it inside that one.
   */
  private static void move(FileSystem fs, FileStatus from, Path to) throws IOException {
    if (from.isDirectory()) {
      fs.mkdirs(to);
      for (FileStatus child : fs.listStatus(from.getPath())) {
        move(fs, child, new Path(to, child.getPath().getName()));
      }
      return;
    }
    FileStatus existing = status(fs, to);
    if (existing != null && !fs.delete(to, true)) {
      throw new IOException("cannot replace " + to);
    }
    if (!fs.rename(from.getPath(), to)) {
      throw new IOException("cannot move " + from.getPath() + " to " + to);
    }
  }

  private static FileStatus status(FileSystem fs, Path p) throws IOException {
    try {
      return fs.getFileStatus(p);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /**
   * Empties the run's directory but leaves it: the driver removes it after folding the hour's
   * reports in it ({@link FoldAfterRun}), so from the job's setup until then it is there for a run
   * taking the hour over to fence.
   */
  private void cleanupOwnRunDir(FileSystem fs) throws IOException {
    FileStatus own = status(fs, runDir);
    if (own != null && own.isDirectory()) {
      for (FileStatus child : fs.listStatus(runDir)) {
        fs.delete(child.getPath(), true);
      }
    }
  }

  private FileSystem fs(JobContext context) throws IOException {
    return hourDir.getFileSystem(context.getConfiguration());
  }
}
