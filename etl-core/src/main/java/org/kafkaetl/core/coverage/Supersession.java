package org.kafkaetl.core.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kafkaetl.core.OffsetIntervals;
import org.kafkaetl.core.OffsetRange;

/**
 * Whether a new read of a range may replace an earlier read's files. Records once landed are never
 * replaced by fewer: the new read must have reached at least as far, and must not have lost (to
 * Kafka's retention) any offset the earlier read accounted for (landed, sent to the error file or
 * skipped as a tombstone), nor account for fewer messages in all (compaction removes older values
 * without Kafka calling anything deleted). Counting alone is not enough: a read that lost the range's
 * start may still hold more records than an earlier read that stopped early. When both reports name
 * their offsets, the fresh read must account for every offset the earlier one did; reports from before
 * reads kept offsets are compared by number.
 */
public final class Supersession {
  private Supersession() {}

  /** Why {@code fresh} cannot replace {@code earlier}; empty when it can. */
  public static Optional<String> whyNot(RangeReport fresh, RangeReport earlier) {
    if (!fresh.event().equals(earlier.event())) {
      throw new IllegalArgumentException("reports of different ranges: " + fresh.event() + ", " + earlier.event());
    }
    if (fresh.reached() < earlier.reached()) {
      return Optional.of("it reached offset " + fresh.reached() + ", the earlier read " + earlier.reached());
    }
    List<OffsetRange> dropped = droppedOffsets(fresh, earlier);
    if (!dropped.isEmpty()) {
      long count = dropped.stream().mapToLong(OffsetRange::count).sum();
      return Optional.of("Kafka deleted offsets " + dropped + " (" + count + ") before it could read them, and"
          + " the earlier read had landed them");
    }
    // A tombstone the earlier read skipped landed nothing: compaction may have removed it since.
    Optional<OffsetIntervals> freshOffsets = fresh.accountedOffsets();
    Optional<OffsetIntervals> earlierOffsets = earlier.landedOffsets();
    if (freshOffsets.isPresent() && earlierOffsets.isPresent()) {
      OffsetIntervals gone = earlierOffsets.get().minus(freshOffsets.get());
      return gone.isEmpty() ? Optional.empty() : Optional.of("it holds nothing of offsets " + gone
          + " that the earlier read had landed (compacted away since?)");
    }
    if (accounted(fresh) < accounted(earlier)) {
      return Optional.of("it accounts for " + accounted(fresh) + " messages, the earlier read for "
          + accounted(earlier) + " (compacted away since?)");
    }
    return Optional.empty();
  }

  /** Messages a read landed, sent to the error file or skipped as tombstones. */
  private static long accounted(RangeReport report) {
    return report.records() + report.errorRecords() + report.skippedTombstones();
  }

  /** Offsets the earlier read accounted for that the fresh one lost. */
  private static List<OffsetRange> droppedOffsets(RangeReport fresh, RangeReport earlier) {
    List<OffsetRange> dropped = new ArrayList<>();
    long begin = earlier.event().range().begin();
    for (OffsetRange lost : fresh.lost()) {
      long from = Math.max(lost.begin(), begin);
      long to = Math.min(lost.end(), earlier.reached());
      // Walk [from, to) past the earlier read's own lost intervals (sorted, disjoint).
      for (OffsetRange alsoLost : earlier.lost()) {
        if (from >= to) {
          break;
        }
        if (alsoLost.end() <= from || alsoLost.begin() >= to) {
          continue;
        }
        if (alsoLost.begin() > from) {
          dropped.add(new OffsetRange(from, alsoLost.begin()));
        }
        from = Math.max(from, alsoLost.end());
      }
      if (from < to) {
        dropped.add(new OffsetRange(from, to));
      }
    }
    return dropped;
  }
}
