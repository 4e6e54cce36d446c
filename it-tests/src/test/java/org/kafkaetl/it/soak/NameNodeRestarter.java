package org.kafkaetl.it.soak;

import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapreduce.Job;

/**
 * The NameNode restarts (same ports, same metadata) while the job lands. HDFS clients retry;
 * whatever fails must be paged with its command.
 */
final class NameNodeRestarter implements StrikesWhileReading {
  @Override
  public FaultClass faultClass() {
    return FaultClass.NAMENODE_RESTARTED_LANDING;
  }

  @Override
  public void strike(SimulatedHour hour, Job job) throws Exception {
    restart(hour);
  }

  static void restart(SimulatedHour hour) throws Exception {
    MiniDFSCluster dfs = hour.env.hadoop().dfsCluster();
    hour.log.line("restarting the NameNode");
    dfs.restartNameNode(true);
    dfs.waitActive();
    hour.log.line("NameNode restarted");
  }
}
