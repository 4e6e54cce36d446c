package org.kafkaetl.mapreduce.job;

import java.io.IOException;
import org.apache.hadoop.mapreduce.Job;

/** Submits a configured job. The production one is {@link HadoopJobs}; tests may stand in for YARN. */
public interface JobLauncher {
  SubmittedJob submit(Job job) throws IOException, InterruptedException, ClassNotFoundException;
}
