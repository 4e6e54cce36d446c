package org.kafkaetl.core.sizing;

import java.util.List;
import java.util.Optional;

/**
 * How many map tasks fit side by side in a queue's share of a cluster, beside the job's own master:
 * by memory and by vcores, whichever is fewer (a scheduler that counts only memory may run more), in
 * the queue's share and in the running nodes (a container never spans nodes; the master takes its room
 * on the node where it costs fewest map tasks).
 */
public final class TaskFit {
  private TaskFit() {}

  /** Resources: a container's request, a node's capacity or a queue's share. */
  public record Request(long memoryMb, int vcores) {
    Request less(Request other) {
      return new Request(Math.max(0, memoryMb - other.memoryMb), Math.max(0, vcores - other.vcores));
    }

    /** How many of {@code task} fit in this. */
    long fit(Request task) {
      return Math.min(memoryMb / task.memoryMb, vcores / task.vcores);
    }

    @Override
    public String toString() {
      return memoryMb + " MB, " + vcores + " vcores";
    }
  }

  /**
   * @param queueShare what the queue may hold; empty when the scheduler does not say (the nodes alone bound it)
   * @param nodes the capacity of each running node
   * @param map one map task's request
   * @param master the job's master's request
   * @throws IllegalStateException when not even one map task fits beside the master
   */
  public static QueueSlots slots(String queue, Optional<Request> queueShare, List<Request> nodes, Request map,
      Request master) {
    if (map.memoryMb() <= 0 || map.vcores() <= 0) {
      throw new IllegalArgumentException("a map task asks for memory and vcores, got " + map);
    }
    long total = nodes.stream().mapToLong(n -> n.fit(map)).sum();
    long onNodes = nodes.stream().filter(n -> n.fit(master) > 0)
        .mapToLong(n -> total - n.fit(map) + n.less(master).fit(map)).max().orElse(0);
    long inQueue = queueShare.map(q -> q.less(master).fit(map)).orElse(Long.MAX_VALUE);
    long tasks = Math.max(0, Math.min(onNodes, inQueue));
    String basis = queueShare.map(q -> "queue share " + q + "; ").orElse("") + nodes.size() + " running node"
        + (nodes.size() == 1 ? "" : "s") + " " + nodes.stream().mapToLong(Request::memoryMb).sum() + " MB, "
        + nodes.stream().mapToInt(Request::vcores).sum() + " vcores; a map task " + map + ", the job's master "
        + master;
    if (tasks < 1) {
      throw new IllegalStateException("queue " + queue + " has no room for one map task beside the job's master ("
          + basis + ")");
    }
    return new QueueSlots(queue, (int) Math.min(Integer.MAX_VALUE, tasks), basis);
  }
}
