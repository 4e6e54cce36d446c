package org.kafkaetl.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A set of offsets kept as sorted, disjoint intervals: compact for the runs of consecutive
 * offsets an audit finds missing or repeated, and for the offsets a landed file holds. Offsets
 * must be added in non-decreasing order.
 */
public final class OffsetIntervals {
  private static final int SHOWN = 10;

  /** Interval i is [begins[i], ends[i]), end exclusive. */
  private long[] begins = new long[4];
  private long[] ends = new long[4];
  private int size;
  private long count;

  /** The set bits of {@code bits}, each standing for offset {@code base + index}. */
  public static OffsetIntervals ofBits(BitSet bits, long base) {
    OffsetIntervals intervals = new OffsetIntervals();
    for (int from = bits.nextSetBit(0); from >= 0; from = bits.nextSetBit(from)) {
      int to = bits.nextClearBit(from);
      intervals.add(base + from, base + to);
      from = to;
    }
    return intervals;
  }

  /** The union of {@code ranges}, in any order, overlapping or not. */
  public static OffsetIntervals of(Collection<OffsetRange> ranges) {
    List<OffsetRange> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparingLong(OffsetRange::begin));
    OffsetIntervals intervals = new OffsetIntervals();
    sorted.forEach(r -> intervals.add(r.begin(), r.end()));
    return intervals;
  }

  public void add(long offset) {
    add(offset, offset + 1);
  }

  /** Adds [begin, end); {@code begin} must not be below what was added before. */
  public void add(long begin, long end) {
    if (end <= begin) {
      return;
    }
    if (size > 0 && begin < begins[size - 1]) {
      throw new IllegalArgumentException("offsets must be added in order: " + begin + " after " + begins[size - 1]);
    }
    if (size > 0 && begin <= ends[size - 1]) {
      long grown = Math.max(ends[size - 1], end);
      count += grown - ends[size - 1];
      ends[size - 1] = grown;
      return;
    }
    if (size == begins.length) {
      begins = Arrays.copyOf(begins, size * 2);
      ends = Arrays.copyOf(ends, size * 2);
    }
    begins[size] = begin;
    ends[size] = end;
    size++;
    count += end - begin;
  }

  /** Whether {@code offset} is in the set (binary search over the intervals). */
  public boolean contains(long offset) {
    int i = Arrays.binarySearch(begins, 0, size, offset);
    int at = i >= 0 ? i : -i - 2;
    return at >= 0 && offset < ends[at];
  }

  /** The offsets of {@code within} that are not in this set. */
  public OffsetIntervals complementIn(OffsetRange within) {
    OffsetIntervals rest = new OffsetIntervals();
    long from = within.begin();
    // The first interval ending after within.begin(); those before it cannot meet the range.
    int first = Arrays.binarySearch(ends, 0, size, from);
    first = first >= 0 ? first + 1 : -first - 1;
    for (int i = first; i < size && from < within.end(); i++) {
      rest.add(from, Math.min(begins[i], within.end()));
      from = Math.max(from, ends[i]);
    }
    rest.add(from, within.end());
    return rest;
  }

  /** The offsets of this set that {@code other} does not hold. */
  public OffsetIntervals minus(OffsetIntervals other) {
    OffsetIntervals rest = new OffsetIntervals();
    for (int i = 0; i < size; i++) {
      OffsetIntervals part = other.complementIn(new OffsetRange(begins[i], ends[i]));
      for (int j = 0; j < part.size; j++) {
        rest.add(part.begins[j], part.ends[j]);
      }
    }
    return rest;
  }

  /** The intervals, in order. */
  public List<OffsetRange> ranges() {
    List<OffsetRange> ranges = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      ranges.add(new OffsetRange(begins[i], ends[i]));
    }
    return List.copyOf(ranges);
  }

  /** How many intervals. */
  public int intervalCount() {
    return size;
  }

  /** How many offsets. */
  public long count() {
    return count;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** The smallest offset; only for a non-empty set. */
  public long first() {
    return begins[0];
  }

  /**
   * The offsets as a reader wants them: {@code 150..152, 160 (4 offsets)}, inclusive bounds, at
   * most ten intervals and then how many more.
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Math.min(size, SHOWN); i++) {
      text.append(i == 0 ? "" : ", ").append(begins[i]);
      if (ends[i] - begins[i] > 1) {
        text.append("..").append(ends[i] - 1);
      }
    }
    if (size > SHOWN) {
      text.append(", … ").append(size - SHOWN).append(" more intervals");
    }
    return text.append(" (").append(count).append(count == 1 ? " offset)" : " offsets)").toString();
  }
}
