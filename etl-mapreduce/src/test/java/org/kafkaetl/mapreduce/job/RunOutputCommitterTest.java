package org.kafkaetl.mapreduce.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.JobStatus;
import org.apache.hadoop.mapreduce.OutputCommitter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.task.JobContextImpl;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two jobs of one hour (an orphan of a dead run and the newer attempt) never share uncommitted
 * files: the orphan ending cannot delete the newer job's work, and once the newer run fenced the
 * hour, the orphan's late commit cannot replace the newer attempt's files.
 */
class RunOutputCommitterTest {
  private static final String FILE = "t/2026-12-03/t.0.0-10.avro";

  @TempDir
  java.nio.file.Path tmp;

  @Test
  void anOrphanJobEndingDoesNotDeleteANewerJobsUncommittedFiles() throws Exception {
    Path hour = new Path(tmp.toUri().toString(), "2026120310");
    Job orphan = new Job(hour, 1, "1700000000000", 1);
    Job newer = new Job(hour, 2, "1700000000000", 2);
    orphan.committer().setupJob(orphan.jobContext);
    newer.committer().setupJob(newer.jobContext);
    newer.write(FILE, "newer");

    orphan.committer().abortJob(orphan.jobContext, JobStatus.State.KILLED);

    assertThat(newer.committer().needsTaskCommit(newer.task)).as("the newer job's work survives").isTrue();
    newer.committer().commitTask(newer.task);
    assertThat(read(hour, FILE)).isEqualTo("newer");
  }

  @Test
  void anOrphanTaskCannotCommitOverTheFilesOfTheRunThatFencedIt() throws Exception {
    Path hour = new Path(tmp.toUri().toString(), "2026120310");
    Job orphan = new Job(hour, 1, "1700000000000", 1);
    orphan.committer().setupJob(orphan.jobContext);
    orphan.write(FILE, "orphan");

    RunOutputCommitter.fenceOtherRuns(fs(hour), hour, 2);
    Job newer = new Job(hour, 2, "1700000000000", 2);
    newer.committer().setupJob(newer.jobContext);
    newer.write(FILE, "newer");
    newer.committer().commitTask(newer.task);

    assertThatThrownBy(() -> orphan.committer().commitTask(orphan.task)).isInstanceOf(IOException.class)
        .hasMessageContaining("fenced");
    assertThatThrownBy(() -> orphan.write("t/2026-12-03/t.0.10-20.avro", "late")).isInstanceOf(IOException.class);
    orphan.committer().abortJob(orphan.jobContext, JobStatus.State.KILLED);
    assertThat(read(hour, FILE)).isEqualTo("newer");
    assertThat(fs(hour).getFileStatus(RunOutputCommitter.runDir(hour, 1)).isFile()).as("the fence stays").isTrue();
  }

  @Test
  void anOrphanTaskCannotCommitIntoAnHourAfterAFoldFencedIt() throws Exception {
    Path hour = new Path(tmp.toUri().toString(), "2026120310");
    Job orphan = new Job(hour, 1, "1700000000000", 1);
    orphan.committer().setupJob(orphan.jobContext);
    orphan.write(FILE, "orphan");
    fs(hour).mkdirs(RunOutputCommitter.runDir(hour, 2));

    assertThat(FoldAfterRun.fold(fs(hour), hour, 2)).isPresent();

    assertThatThrownBy(() -> orphan.committer().commitTask(orphan.task)).isInstanceOf(IOException.class)
        .hasMessageContaining("fenced");
    assertThat(fs(hour).exists(new Path(hour, FILE))).isFalse();
  }

  @Test
  void aJobEndingLeavesItsRunDirectoryForTheFoldToRemove() throws Exception {
    Path hour = new Path(tmp.toUri().toString(), "2026120310");
    Job job = new Job(hour, 1, "1700000000000", 1);
    job.committer().setupJob(job.jobContext);
    job.write(FILE, "landed");
    job.committer().commitTask(job.task);
    job.committer().commitJob(job.jobContext);

    assertThat(fs(hour).listStatus(RunOutputCommitter.runDir(hour, 1))).isEmpty();
    FoldAfterRun.fold(fs(hour), hour, 1);
    assertThat(fs(hour).exists(RunOutputCommitter.runDir(hour, 1))).isFalse();
  }

  private static FileSystem fs(Path p) throws IOException {
    return p.getFileSystem(new Configuration());
  }

  private static String read(Path hour, String file) throws IOException {
    try (var in = fs(hour).open(new Path(hour, file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** One job of a run on the hour, with one map task attempt, as the AM and the task see it. */
  private static final class Job {
    final JobContext jobContext;
    final TaskAttemptContext task;
    private final EtlOutputFormat format = new EtlOutputFormat();

    Job(Path hour, long runId, String cluster, int jobNumber) throws IOException {
      org.apache.hadoop.mapreduce.Job job = org.apache.hadoop.mapreduce.Job.getInstance(new Configuration());
      FileOutputFormat.setOutputPath(job, hour);
      Configuration conf = job.getConfiguration();
      conf.setInt("mapreduce.fileoutputcommitter.algorithm.version", 2);
      conf.setLong(JobSettings.RUN_ID, runId);
      JobID id = new JobID(cluster, jobNumber);
      jobContext = new JobContextImpl(conf, id);
      task = new TaskAttemptContextImpl(conf, new TaskAttemptID(new org.apache.hadoop.mapreduce.TaskID(id,
          TaskType.MAP, 0), 0));
    }

    OutputCommitter committer() throws IOException {
      return format.getOutputCommitter(task);
    }

    void write(String relative, String content) throws IOException {
      Path work = ((org.apache.hadoop.mapreduce.lib.output.PathOutputCommitter) committer()).getWorkPath();
      Path file = new Path(work, relative);
      try (OutputStream out = file.getFileSystem(task.getConfiguration()).create(file, true)) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
