package org.kafkaetl.it.soak;

import org.apache.hadoop.mapreduce.Job;

/**
 * Stops the NodeManager running a map task while it reads (its containers die with it); YARN and
 * MapReduce carry on with the other NodeManager. The stopped one is replaced once the run ended.
 */
final class NodeManagerStopper implements StrikesWhileReading {
  private int stopped = -1;

  @Override
  public FaultClass faultClass() {
    return FaultClass.NODE_MANAGER_STOPPED;
  }

  @Override
  public void strike(SimulatedHour hour, Job job) throws Exception {
    ClusterNodes nodes = nodes(hour);
    int index = nodes.nodeManagerRunningATask();
    stopped = index >= 0 ? index : hour.random.nextInt(2);
    hour.log.line("stopping NodeManager " + stopped);
    nodes.stopNodeManager(stopped);
  }

  @Override
  public void afterRun(SimulatedHour hour) throws Exception {
    if (stopped >= 0) {
      nodes(hour).restartNodeManager(stopped);
      hour.log.line("NodeManager " + stopped + " replaced");
      stopped = -1;
    }
  }

  private static ClusterNodes nodes(SimulatedHour hour) {
    return hour.nodes.orElseThrow(() -> new IllegalStateException("needs the soak cluster"));
  }
}
