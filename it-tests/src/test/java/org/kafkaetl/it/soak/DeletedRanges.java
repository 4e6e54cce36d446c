package org.kafkaetl.it.soak;

import java.util.ArrayList;
import java.util.List;

/**
 * What Kafka deleted before the ETL read it (retention, or the topic deleted and created again):
 * the losses the soak expects.
 */
final class DeletedRanges {
  /** Offsets [begin, end) of a partition in one incarnation of the topic. */
  record Range(int partition, int incarnation, long begin, long end, FaultClass by) {
    boolean contains(int p, int inc, long offset) {
      return p == partition && inc == incarnation && offset >= begin && offset < end;
    }
  }

  private final List<Range> ranges = new ArrayList<>();

  void add(Range range) {
    ranges.add(range);
  }

  boolean contains(int partition, int incarnation, long offset) {
    return ranges.stream().anyMatch(r -> r.contains(partition, incarnation, offset));
  }

  List<Range> ranges() {
    return List.copyOf(ranges);
  }
}
