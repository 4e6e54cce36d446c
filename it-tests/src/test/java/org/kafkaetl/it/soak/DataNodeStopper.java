package org.kafkaetl.it.soak;

import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapreduce.Job;

/**
 * Stops one of the two DataNodes while the job writes, keeps it down through the merge (every block
 * has a replica on the other), and starts it again at the end of the hour.
 */
final class DataNodeStopper implements StrikesWhileReading {
  private MiniDFSCluster.DataNodeProperties stopped;

  @Override
  public FaultClass faultClass() {
    return FaultClass.DATANODE_STOPPED;
  }

  @Override
  public void strike(SimulatedHour hour, Job job) throws Exception {
    ClusterNodes nodes = nodes(hour);
    int index = hour.random.nextInt(nodes.dataNodeCount());
    hour.log.line("stopping DataNode " + index);
    stopped = nodes.stopDataNode(index);
  }

  @Override
  public void afterMerge(SimulatedHour hour) throws Exception {
    if (stopped != null) {
      nodes(hour).restartDataNode(stopped);
      stopped = null;
      hour.log.line("DataNode restarted");
    }
  }

  private static ClusterNodes nodes(SimulatedHour hour) {
    return hour.nodes.orElseThrow(() -> new IllegalStateException("needs the soak cluster"));
  }
}
