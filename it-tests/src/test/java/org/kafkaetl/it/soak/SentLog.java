package org.kafkaetl.it.soak;

import java.util.Arrays;

/**
 * What Kafka acknowledged for one partition, indexed by sequence number (dense from 0): the offset,
 * the topic's incarnation and the simulated hour. Arrays, not objects, so a million messages cost a
 * few megabytes.
 */
final class SentLog {
  private long[] offsets = new long[1024];
  private int[] hours = new int[1024];
  private byte[] incarnations = new byte[1024];
  private int size;

  /** Records the next sequence number's acknowledgement. */
  void add(long seq, long offset, int incarnation, int hour) {
    if (seq != size) {
      throw new IllegalStateException("sequence " + seq + " acknowledged out of order (next is " + size + ")");
    }
    if (size == offsets.length) {
      offsets = Arrays.copyOf(offsets, size * 2);
      hours = Arrays.copyOf(hours, size * 2);
      incarnations = Arrays.copyOf(incarnations, size * 2);
    }
    offsets[size] = offset;
    hours[size] = hour;
    incarnations[size] = (byte) incarnation;
    size++;
  }

  int size() {
    return size;
  }

  long offset(long seq) {
    return offsets[(int) seq];
  }

  int hour(long seq) {
    return hours[(int) seq];
  }

  int incarnation(long seq) {
    return incarnations[(int) seq];
  }
}
