package org.kafkaetl.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrentPartitionsTest {
  @Test
  void partitionsRunSeveralAtOnceWithinTheBoundAndComeBackInPartitionOrder() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    // the first four partitions wait until all four run: only a pool of four can get past them
    java.util.concurrent.CountDownLatch four = new java.util.concurrent.CountDownLatch(4);
    List<Integer> partitions = IntStream.range(0, 40).boxed().toList();
    ConcurrentPartitions.Results results = ConcurrentPartitions.merge(partitions, 4, p -> {
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      if (p < 4) {
        four.countDown();
        await(four);
      }
      inFlight.decrementAndGet();
      return new PartitionMerger.Outcome(p, 1, p, 0, false);
    });
    assertThat(most.get()).isEqualTo(4);
    assertThat(results.outcomes()).extracting(PartitionMerger.Outcome::partition).containsExactlyElementsOf(partitions);
    assertThat(results.failures()).isEmpty();
  }

  @Test
  void aFailedPartitionLeavesTheOthersAndEveryPartitionHasEndedOnReturn() {
    Set<Integer> ended = ConcurrentHashMap.newKeySet();
    ConcurrentPartitions.Results results = ConcurrentPartitions.merge(List.of(0, 1, 2, 3, 4), 3, p -> {
      try {
        if (p == 1) {
          throw new IOException("partition 1 broke");
        }
        if (p == 4) {
          await(new java.util.concurrent.CountDownLatch(1), 200);
        }
        return new PartitionMerger.Outcome(p, 1, 1, 0, false);
      } finally {
        ended.add(p);
      }
    });
    assertThat(ended).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    assertThat(results.outcomes()).extracting(PartitionMerger.Outcome::partition).containsExactly(0, 2, 3, 4);
    assertThat(results.failures()).singleElement().satisfies(f -> {
      assertThat(f.partition()).isEqualTo(1);
      assertThat(f.cause()).hasMessage("partition 1 broke");
    });
  }

  @Test
  void anErrorInAPartitionIsAFailureToPageNotAnEscape() {
    ConcurrentPartitions.Results results = ConcurrentPartitions.merge(List.of(0, 1, 2), 2, p -> {
      if (p == 1) {
        throw new NoClassDefFoundError("com/github/luben/zstd/Zstd");
      }
      return new PartitionMerger.Outcome(p, 1, 1, 0, false);
    });
    assertThat(results.outcomes()).hasSize(2);
    assertThat(results.failures()).singleElement().satisfies(f -> assertThat(f.cause()).hasMessageContaining("Zstd"));
  }

  @Test
  void oneThreadMergesInTheCallersThread() {
    Thread caller = Thread.currentThread();
    ConcurrentPartitions.Results results = ConcurrentPartitions.merge(List.of(5, 6), 1, p -> {
      assertThat(Thread.currentThread()).isSameAs(caller);
      return new PartitionMerger.Outcome(p, 0, 0, 0, false);
    });
    assertThat(results.outcomes()).hasSize(2);
  }

  private static void await(java.util.concurrent.CountDownLatch latch) {
    await(latch, 30_000);
  }

  /** Waits for the latch at most {@code ms}; a partition still running when others end. */
  private static void await(java.util.concurrent.CountDownLatch latch, long ms) {
    try {
      latch.await(ms, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
