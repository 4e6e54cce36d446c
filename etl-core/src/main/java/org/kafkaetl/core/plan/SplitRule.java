package org.kafkaetl.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.kafkaetl.core.OffsetRange;

/**
 * The seed's split rule with threshold T (messages one mapper reads in reasonable time): n ≤ T → one
 * range; T < n ≤ 2T → two; n > 2T → ⌈n/T⌉. Parts differ in size by at most one message and tile
 * the input range. Without a threshold a range is never split.
 */
public final class SplitRule {
  private SplitRule() {}

  public static List<OffsetRange> split(OffsetRange range, OptionalLong threshold) {
    return split(range, threshold, Long.MAX_VALUE);
  }

  /** The rule, with at most {@code maxParts} parts (then each larger than the threshold). */
  public static List<OffsetRange> split(OffsetRange range, OptionalLong threshold, long maxParts) {
    long n = range.count();
    if (n == 0) {
      return List.of();
    }
    if (threshold.isEmpty() || n <= threshold.getAsLong()) {
      return List.of(range);
    }
    long t = threshold.getAsLong();
    long parts = Math.min(maxParts, n <= 2 * t ? 2 : ceilDiv(n, t));
    return equalParts(range, parts);
  }

  static long ceilDiv(long n, long d) {
    return (n + d - 1) / d;
  }

  private static List<OffsetRange> equalParts(OffsetRange range, long parts) {
    long base = range.count() / parts;
    long remainder = range.count() % parts;
    List<OffsetRange> result = new ArrayList<>((int) parts);
    long begin = range.begin();
    for (long i = 0; i < parts; i++) {
      long size = base + (i < remainder ? 1 : 0);
      result.add(new OffsetRange(begin, begin + size));
      begin += size;
    }
    return result;
  }
}
