package org.kafkaetl.it.soak;

import java.util.ArrayList;
import java.util.List;

/** What the retention fault made Kafka delete before the ETL read it: the losses the soak expects. */
final class DeletedRanges {
  /** Offsets [begin, end) of a partition. */
  record Range(int partition, long begin, long end, FaultClass by) {
    boolean contains(int p, long offset) {
      return p == partition && offset >= begin && offset < end;
    }
  }

  private final List<Range> ranges = new ArrayList<>();

  void add(Range range) {
    ranges.add(range);
  }

  boolean contains(int partition, long offset) {
    return ranges.stream().anyMatch(r -> r.contains(partition, offset));
  }

  List<Range> ranges() {
    return List.copyOf(ranges);
  }
}
