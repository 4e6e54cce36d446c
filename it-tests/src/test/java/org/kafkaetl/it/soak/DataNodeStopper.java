package org.kafkaetl.it.soak;

import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * Stops one of the two DataNodes while the job writes, keeps it down through the merge (every block
 * has a replica on the other), and starts it again at the end of the hour.
 */
final class DataNodeStopper implements FaultInjector {
  @Override
  public FaultClass faultClass() {
    return FaultClass.DATANODE_STOPPED;
  }

  @Override
  public void inject(SimulatedHour hour) {
    ClusterNodes nodes = hour.nodes.orElseThrow(() -> new IllegalStateException("needs the soak cluster"));
    MiniDFSCluster.DataNodeProperties[] stopped = {null};
    try {
      SoakRunner.Outcome outcome = hour.runWhileReading(hour.scenario.offsetStore(), job -> {
        int index = hour.random.nextInt(nodes.dataNodeCount());
        hour.log.line("stopping DataNode " + index);
        stopped[0] = nodes.stopDataNode(index);
      });
      hour.mergeAfter(outcome);
    } finally {
      if (stopped[0] != null) {
        nodes.restartDataNode(stopped[0]);
        hour.log.line("DataNode restarted");
      }
    }
  }
}
