package org.kafkaetl.mapreduce.job;

import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * Gives the job a {@link RunOutputCommitter} (a work directory per run, never a shared
 * {@code _temporary}) while the mapper writes its own files into the attempt's work directory. An
 * existing hour directory is fine: later runs and reruns of the same hour add or replace files by
 * name.
 */
public final class EtlOutputFormat extends FileOutputFormat<NullWritable, NullWritable> {
  @Override
  public void checkOutputSpecs(JobContext job) {
    if (getOutputPath(job) == null) {
      throw new IllegalStateException("the hour directory (output path) is not set");
    }
  }

  private RunOutputCommitter committer;

  @Override
  public synchronized org.apache.hadoop.mapreduce.OutputCommitter getOutputCommitter(TaskAttemptContext context)
      throws java.io.IOException {
    if (committer == null) {
      committer = new RunOutputCommitter(getOutputPath(context), context);
    }
    return committer;
  }

  @Override
  public RecordWriter<NullWritable, NullWritable> getRecordWriter(TaskAttemptContext context) {
    return new RecordWriter<>() {
      @Override
      public void write(NullWritable key, NullWritable value) {
        throw new UnsupportedOperationException("the mapper writes its files directly");
      }

      @Override
      public void close(TaskAttemptContext c) {}
    };
  }
}
