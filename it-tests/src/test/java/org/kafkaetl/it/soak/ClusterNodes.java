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
    replacement.init(replacementConfiguration(stopped));
    replacement.start();
    nodeManagers.set(index, replacement);
    replacements.add(replacement);
  }

  /**
   * The stopped NodeManager's configuration, registering over RPC: MiniYARNCluster's own NodeManagers
   * reach the ResourceManager in-process, so their configuration names no tracker address that
   * answers; the ResourceManager's configuration holds the address its tracker is bound to.
   */
  private YarnConfiguration replacementConfiguration(NodeManager stopped) {
    YarnConfiguration conf = new YarnConfiguration(stopped.getConfig());
    conf.set(YarnConfiguration.RM_RESOURCE_TRACKER_ADDRESS,
        hadoop.yarnCluster().getResourceManager().getConfig().get(YarnConfiguration.RM_RESOURCE_TRACKER_ADDRESS));
    // Same node address (its identity to the ResourceManager), but any free port for the localizer and
    // the web app: the stopped NodeManager's ports can still be held by its dying threads (seen as
    // "Address already in use" on the localizer port).
    conf.set(YarnConfiguration.NM_LOCALIZER_ADDRESS, "localhost:0");
    conf.set(YarnConfiguration.NM_WEBAPP_ADDRESS, "localhost:0");
    // a replacement that cannot register fails the soak in seconds instead of retrying for 15 minutes
    conf.setLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_MAX_WAIT_MS, 30_000);
    conf.setLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_RETRY_INTERVAL_MS, 1_000);
    return conf;
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
