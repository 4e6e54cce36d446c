package org.kafkaetl.core.sizing;

import java.util.List;

/**
 * Turns a topic's recent measurements into the rate the next run is sized with. Rates measured on a
 * loaded cluster can be wrong, so: the median of the last {@link #RUNS} runs without a fault, and one
 * run may lower it by at most {@link #MAX_DROP} of the rate the run before it used — a single slow
 * run never halves the next run's split threshold, while a lasting drop is followed within a few runs.
 */
public final class RateSmoothing {
  /** Runs whose median is taken. */
  public static final int RUNS = 5;
  /** Usable measurements read back: enough to replay how the rate fell over the last runs. */
  public static final int SAMPLES = 2 * RUNS;
  /** The most one run may lower the rate, as a fraction of the rate the earlier runs give. */
  public static final double MAX_DROP = 0.25;

  private RateSmoothing() {}

  /**
   * @param newestFirst the topic's recent measurements, newest first; faulted and empty ones are
   *     skipped, and only the last {@link #SAMPLES} usable ones count
   * @param startingRate messages per second per mapper of a topic never measured
   */
  public static TopicRate rate(String topic, List<RateSample> newestFirst, double startingRate) {
    List<RateSample> usable = newestFirst.stream().filter(RateSample::usable).limit(SAMPLES).toList();
    if (usable.isEmpty()) {
      return new TopicRate(topic, startingRate, 0, TopicRate.Source.STARTING);
    }
    // Replays the runs oldest first, so each run's rate is the one the run before it would have used,
    // lowered by at most MAX_DROP: the same history always gives the same rate, with no state kept.
    double used = 0;
    double bytes = 0;
    boolean clamped = false;
    for (int newest = usable.size() - 1; newest >= 0; newest--) {
      List<RateSample> window = usable.subList(newest, Math.min(usable.size(), newest + RUNS));
      double median = median(window.stream().mapToDouble(RateSample::messagesPerSecond).toArray());
      bytes = median(window.stream().mapToDouble(RateSample::bytesPerSecond).toArray());
      double floor = used * (1 - MAX_DROP);
      clamped = median < floor;
      bytes = clamped ? bytes * floor / median : bytes;
      used = clamped ? floor : median;
    }
    return new TopicRate(topic, used, bytes, clamped ? TopicRate.Source.CLAMPED : TopicRate.Source.MEASURED);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
