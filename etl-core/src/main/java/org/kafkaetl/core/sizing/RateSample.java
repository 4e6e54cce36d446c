package org.kafkaetl.core.sizing;

/**
 * What one run measured for one topic: the offsets its map tasks read, their bytes, and the time
 * the tasks spent reading and landing those ranges (summed over the ranges, so it is one mapper's
 * time for the whole lot).
 *
 * @param faulted the run had a fault with this topic (a range not COMPLETE, a failed job, a lost
 *     sub-range): its rate says more about the fault than about the topic, so sizing ignores it
 */
public record RateSample(long runId, long messages, long bytes, long readMillis, boolean faulted) {
  public RateSample {
    if (messages < 0 || bytes < 0 || readMillis < 0) {
      throw new IllegalArgumentException("a rate sample counts nothing negative, got " + messages + " messages, "
          + bytes + " bytes, " + readMillis + " ms");
    }
  }

  /** Whether the sample can say anything of the topic's rate. */
  public boolean usable() {
    return !faulted && messages > 0 && readMillis > 0;
  }

  public double messagesPerSecond() {
    return messages * 1000.0 / readMillis;
  }

  public double bytesPerSecond() {
    return bytes * 1000.0 / readMillis;
  }
}
