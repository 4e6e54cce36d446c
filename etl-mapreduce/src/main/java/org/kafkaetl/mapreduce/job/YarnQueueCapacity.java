package org.kafkaetl.mapreduce.job;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.api.records.QueueInfo;
import org.apache.hadoop.yarn.api.records.QueueStatistics;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.kafkaetl.core.EtlException;
import org.kafkaetl.core.sizing.QueueCapacity;
import org.kafkaetl.core.sizing.QueueSlots;
import org.kafkaetl.core.sizing.TaskFit;

/**
 * Asks YARN's ResourceManager how many map tasks a job of this configuration can run side by side:
 * the job's queue ({@code mapreduce.job.queuename}) and what it holds now plus what it may still take,
 * the running nodes' capacity, one map task's request ({@code mapreduce.map.memory.mb},
 * {@code mapreduce.map.cpu.vcores}) and the job's own master ({@link TaskFit}). Asks with short
 * connection retries, so a ResourceManager that does not answer costs seconds, not the client's
 * default quarter of an hour.
 */
public final class YarnQueueCapacity implements QueueCapacity {
  /**
   * How long a ResourceManager that refuses connections is tried before the run sizes within
   * etl.max.mappers alone (one that does not answer at all: up to three times as long).
   */
  static final long CONNECT_WAIT_MS = 5_000;

  private final Configuration hadoopConf;

  public YarnQueueCapacity(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  @Override
  public Optional<QueueSlots> mapTaskSlots() {
    if (!"yarn".equals(hadoopConf.get("mapreduce.framework.name"))) {
      return Optional.empty();
    }
    String queue = hadoopConf.get(MRJobConfig.QUEUE_NAME, "default");
    TaskFit.Request map = mapTask();
    TaskFit.Request master = new TaskFit.Request(positive(MRJobConfig.MR_AM_VMEM_MB, MRJobConfig.DEFAULT_MR_AM_VMEM_MB),
        positive(MRJobConfig.MR_AM_CPU_VCORES, MRJobConfig.DEFAULT_MR_AM_CPU_VCORES));
    try (YarnClient yarn = YarnClient.createYarnClient()) {
      yarn.init(quickToGiveUp(hadoopConf));
      yarn.start();
      QueueInfo info = yarn.getQueueInfo(queue);
      if (info == null) {
        throw new EtlException("YARN knows no queue " + queue + " (mapreduce.job.queuename)");
      }
      List<TaskFit.Request> nodes = yarn.getNodeReports(NodeState.RUNNING).stream().map(YarnQueueCapacity::capacity)
          .toList();
      // A scheduler that keeps no statistics for the queue leaves the nodes alone to bound it.
      Optional<TaskFit.Request> room = Optional.ofNullable(info.getQueueStatistics()).map(YarnQueueCapacity::room)
          .filter(r -> r.memoryMb() > 0 && r.vcores() > 0);
      return Optional.of(TaskFit.slots(queue, room, nodes, map, master));
    } catch (IOException | YarnException e) {
      throw new EtlException("YARN did not say what queue " + queue + " can run: " + e.getMessage(), e);
    }
  }

  /** What one map task asks for. */
  TaskFit.Request mapTask() {
    return new TaskFit.Request(positive(MRJobConfig.MAP_MEMORY_MB, MRJobConfig.DEFAULT_MAP_MEMORY_MB),
        positive(MRJobConfig.MAP_CPU_VCORES, MRJobConfig.DEFAULT_MAP_CPU_VCORES));
  }

  /** What the queue holds now plus what it may still take: its share while this job runs. */
  private static TaskFit.Request room(QueueStatistics stats) {
    return new TaskFit.Request(stats.getAllocatedMemoryMB() + stats.getAvailableMemoryMB(),
        (int) Math.min(Integer.MAX_VALUE, stats.getAllocatedVCores() + stats.getAvailableVCores()));
  }

  private static TaskFit.Request capacity(NodeReport node) {
    return new TaskFit.Request(node.getCapability().getMemorySize(), node.getCapability().getVirtualCores());
  }

  private int positive(String key, int otherwise) {
    int value = hadoopConf.getInt(key, otherwise);
    return value > 0 ? value : otherwise;
  }

  private static Configuration quickToGiveUp(Configuration conf) {
    Configuration quick = new Configuration(conf);
    quick.setLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_MAX_WAIT_MS, CONNECT_WAIT_MS);
    // The proxy tries every interval until the wait is over; each try connects once, for at most 2 s.
    quick.setLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_RETRY_INTERVAL_MS, 1_000);
    quick.setInt("ipc.client.connect.max.retries", 0);
    quick.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
    quick.setInt("ipc.client.connect.timeout", 2_000);
    // a ResourceManager that takes the connection and never answers: 2 minutes per call by default
    quick.setInt("ipc.client.rpc-timeout.ms", 10_000);
    return quick;
  }
}
