package org.kafkaetl.core.sizing;

import java.util.Optional;

/**
 * Asks the cluster how many map tasks the run's job can run side by side, so a sized run never plans
 * more map tasks than its queue holds at once. Asked once per sized run, before planning.
 */
@FunctionalInterface
public interface QueueCapacity {
  /** No queue to ask (a job run inside the driver): runs are bounded by etl.max.mappers alone. */
  QueueCapacity NONE = Optional::empty;

  /**
   * @return the queue's room for map tasks; empty when jobs do not run in a queue
   * @throws RuntimeException when the cluster cannot answer or does not know the queue; the run then
   *     sizes within etl.max.mappers alone
   */
  Optional<QueueSlots> mapTaskSlots();
}
