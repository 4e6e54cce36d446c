package org.kafkaetl.it.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Cluster;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.TaskType;
import org.kafkaetl.offsets.Database;

/** How many map tasks a run's job really ran: the job id etl_runs recorded, asked of the cluster. */
public final class RunMapTasks {
  private RunMapTasks() {}

  public static int of(Database database, Configuration cluster, long runId) throws Exception {
    String jobId;
    try (Connection c = database.connect();
        PreparedStatement ps = c.prepareStatement("SELECT job_id FROM etl_runs WHERE run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getString(1) == null) {
          throw new IllegalStateException("run " + runId + " recorded no job");
        }
        jobId = rs.getString(1);
      }
    }
    Cluster yarn = new Cluster(cluster);
    try {
      return yarn.getJob(JobID.forName(jobId)).getTaskReports(TaskType.MAP).length;
    } finally {
      yarn.close();
    }
  }
}
