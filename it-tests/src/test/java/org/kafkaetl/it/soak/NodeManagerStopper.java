package org.kafkaetl.it.soak;

/**
 * Stops the NodeManager running a map task while it reads (its containers die with it); YARN and
 * MapReduce carry on with the other NodeManager. The stopped one is replaced once the run ended.
 */
final class NodeManagerStopper implements FaultInjector {
  @Override
  public FaultClass faultClass() {
    return FaultClass.NODE_MANAGER_STOPPED;
  }

  @Override
  public void inject(SimulatedHour hour) {
    ClusterNodes nodes = hour.nodes.orElseThrow(() -> new IllegalStateException("needs the soak cluster"));
    int[] stopped = {-1};
    SoakRunner.Outcome outcome = hour.runWhileReading(hour.scenario.offsetStore(), job -> {
      int index = nodes.nodeManagerRunningATask();
      stopped[0] = index >= 0 ? index : hour.random.nextInt(2);
      hour.log.line("stopping NodeManager " + stopped[0]);
      nodes.stopNodeManager(stopped[0]);
    });
    if (stopped[0] >= 0) {
      nodes.restartNodeManager(stopped[0]);
      hour.log.line("NodeManager " + stopped[0] + " replaced");
    }
    hour.mergeAfter(outcome);
  }
}
