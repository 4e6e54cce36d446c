package org.kafkaetl.core;

/** A half-open offset range [begin, end) of one partition. */
public record OffsetRange(long begin, long end) {
  public OffsetRange {
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("invalid offset range [" + begin + ", " + end + ")");
    }
  }

  public long count() {
    return end - begin;
  }

  public boolean isEmpty() {
    return begin == end;
  }

  public boolean contains(long offset) {
    return offset >= begin && offset < end;
  }

  @Override
  public String toString() {
    return begin + "-" + end;
  }
}
