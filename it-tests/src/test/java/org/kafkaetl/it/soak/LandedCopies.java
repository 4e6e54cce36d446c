package org.kafkaetl.it.soak;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** How many copies of each message (partition, sequence number) a set of files holds. */
final class LandedCopies {
  private final Map<Integer, byte[]> bySeq = new TreeMap<>();
  private final Map<Long, Integer> poisons = new HashMap<>();
  private final SoakProducer producer;

  LandedCopies(SoakProducer producer) {
    this.producer = producer;
  }

  void add(int partition, long seq) {
    if (seq < 0) {
      poisons.merge(seq, 1, Integer::sum);
      return;
    }
    byte[] counts = bySeq.computeIfAbsent(partition, p -> new byte[producer.sent().get(p).size()]);
    counts[(int) seq] = (byte) Math.min(Byte.MAX_VALUE, counts[(int) seq] + 1);
  }

  int copies(int partition, long seq) {
    if (seq < 0) {
      return poisons.getOrDefault(seq, 0);
    }
    byte[] counts = bySeq.get(partition);
    return counts == null || seq >= counts.length ? 0 : counts[(int) seq];
  }
}
