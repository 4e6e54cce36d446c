package org.kafkaetl.it.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.nodemanager.NodeManager;
import org.kafkaetl.it.fixtures.HadoopFixture;

/**
 * Stops and restarts the minicluster's worker nodes. MiniYARNCluster cannot restart a NodeManager,
 * so a stopped one is replaced by a new NodeManager on the same configuration (same address, so the
 * ResourceManager sees the node come back); the replacements are stopped on {@link #close()}.
 */
final class ClusterNodes implements AutoCloseable {
  private final HadoopFixture hadoop;
  private final List<NodeManager> nodeManagers = new ArrayList<>();
  private final List<NodeManager> replacements = new ArrayList<>();

  ClusterNodes(HadoopFixture hadoop, int nodeManagerCount) {
    this.hadoop = hadoop;
    for (int i = 0; i < nodeManagerCount; i++) {
      nodeManagers.add(hadoop.yarnCluster().getNodeManager(i));
    }
  }

  /** Index of a NodeManager running a task container (not only an ApplicationMaster), if any. */
  int nodeManagerRunningATask() {
    for (int i = 0; i < nodeManagers.size(); i++) {
      for (ContainerId id : nodeManagers.get(i).getNMContext().getContainers().keySet()) {
        if (id.getContainerId() != 1) {
          return i;
        }
      }
    }
    return -1;
  }

  void stopNodeManager(int index) {
    nodeManagers.get(index).stop();
  }

  void restartNodeManager(int index) {
    NodeManager stopped = nodeManagers.get(index);
    NodeManager replacement = new NodeManager();
    replacement.init(new YarnConfiguration(stopped.getConfig()));
    replacement.start();
    nodeManagers.set(index, replacement);
    replacements.add(replacement);
  }

  MiniDFSCluster.DataNodeProperties stopDataNode(int index) {
    return hadoop.dfsCluster().stopDataNode(index);
  }

  void restartDataNode(MiniDFSCluster.DataNodeProperties stopped) {
    try {
      hadoop.dfsCluster().restartDataNode(stopped, true);
      hadoop.dfsCluster().waitActive();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restart the DataNode", e);
    }
  }

  int dataNodeCount() {
    return hadoop.dfsCluster().getDataNodes().size();
  }

  @Override
  public void close() {
    replacements.forEach(NodeManager::stop);
  }
}
