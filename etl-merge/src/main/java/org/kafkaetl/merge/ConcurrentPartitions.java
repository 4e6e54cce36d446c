package org.kafkaetl.merge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.kafkaetl.core.RetriableException;

/**
 * Runs one merge's partitions, up to a bound at once. Each partition is appended and recorded in the
 * ledger on its own, so partitions do not depend on each other and a failed one leaves the others'
 * work in place. Every partition has ended when this returns: the merge lock is released only after.
 */
final class ConcurrentPartitions {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConcurrentPartitions.class);
  private static final long DRAIN_MINUTES = 10;

  /** One partition's merge. */
  @FunctionalInterface
  interface PartitionJob {
    PartitionMerger.Outcome merge(int partition) throws IOException;
  }

  /** A partition whose merge failed, and why. */
  record Failure(int partition, Exception cause) {}

  /** What the partitions' merges did: outcomes and failures, each in partition order. */
  record Results(List<PartitionMerger.Outcome> outcomes, List<Failure> failures) {}

  private ConcurrentPartitions() {}

  /**
   * Merges every partition; never throws. A partition's failure of any kind (an Error too: the page
   * matters more than the JVM's next step) is a {@link Failure}, and so is every partition not merged
   * when the merging thread is interrupted (its interrupt status is kept).
   */
  static Results merge(List<Integer> partitions, int threads, PartitionJob job) {
    List<PartitionMerger.Outcome> outcomes = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    if (threads <= 1 || partitions.size() <= 1) {
      for (int partition : partitions) {
        try {
          outcomes.add(job.merge(partition));
        } catch (Throwable e) {
          failures.add(new Failure(partition, asException(e)));
        }
      }
      return new Results(outcomes, failures);
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, partitions.size()), namedThreads());
    try {
      List<Future<PartitionMerger.Outcome>> running = new ArrayList<>();
      for (int partition : partitions) {
        running.add(pool.submit(() -> job.merge(partition)));
      }
      boolean interrupted = false;
      for (int i = 0; i < partitions.size(); i++) {
        try {
          if (interrupted) {
            running.get(i).cancel(true);
          }
          outcomes.add(running.get(i).get());
        } catch (ExecutionException e) {
          failures.add(new Failure(partitions.get(i), asException(e.getCause())));
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
          interrupted = true;
          failures.add(new Failure(partitions.get(i), new RetriableException("the merge was interrupted before"
              + " partition " + partitions.get(i) + " was merged; run the merge again", e)));
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return new Results(outcomes, failures);
    } finally {
      pool.shutdownNow();
      awaitEnd(pool);
    }
  }

  private static Exception asException(Throwable cause) {
    return cause instanceof Exception e ? e : new IllegalStateException(String.valueOf(cause), cause);
  }

  /**
   * Waits for every partition's merge to end, so none still writes once the lock is given back; one
   * that does not end is logged (its ledger writes are fenced by the lock and the merge epoch).
   */
  private static void awaitEnd(ExecutorService pool) {
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        try {
          if (!pool.awaitTermination(DRAIN_MINUTES, TimeUnit.MINUTES)) {
            LOG.error("partition merges still running {} min after the merge ended; they can record nothing (the"
                + " merge lock and epoch fence every ledger write)", DRAIN_MINUTES);
          }
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static ThreadFactory namedThreads() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "merge-partition-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
