package org.kafkaetl.core.sizing;

import java.time.Duration;
import java.util.List;

/**
 * The part of the target run time left for the map tasks' reading: the target less the median job
 * overhead of recent runs (start-up, containers, commit: the job's wall time less its longest map
 * task's), never below {@link #FLOOR} of the target.
 *
 * @param target etl.target.run.time
 * @param overhead the median overhead of recent runs; zero when none was measured
 * @param reading what one map task may spend reading: the target less the overhead, at least the floor
 */
public record ReadingBudget(Duration target, Duration overhead, Duration reading) {
  /** The least share of the target left for reading, however large the overhead measured. */
  public static final double FLOOR = 0.25;

  /** The whole target for reading: no overhead measured. */
  public static ReadingBudget whole(Duration target) {
    return new ReadingBudget(target, Duration.ZERO, target);
  }

  /** @param recentOverheads the overheads of recent runs, any order; the median of the last runs is taken */
  public static ReadingBudget of(Duration target, List<Duration> recentOverheads) {
    if (recentOverheads.isEmpty()) {
      return whole(target);
    }
    Duration overhead = Duration.ofMillis(Math.round(RateSmoothing.median(
        recentOverheads.stream().mapToDouble(Duration::toMillis).toArray())));
    Duration floor = Duration.ofMillis((long) Math.ceil(target.toMillis() * FLOOR));
    Duration left = target.minus(overhead);
    return new ReadingBudget(target, overhead, left.compareTo(floor) < 0 ? floor : left);
  }

  /** Whether the overhead left less than the floor, so reading got the floor. */
  public boolean floored() {
    return reading.plus(overhead).compareTo(target) > 0;
  }

  /** One line for the log: the target, the overhead taken off and what is left for reading. */
  public String describe() {
    if (overhead.isZero()) {
      return "target " + RunSizer.format(seconds(target)) + " (no job overhead measured yet)";
    }
    return "target " + RunSizer.format(seconds(target)) + " less " + RunSizer.format(seconds(overhead))
        + " of job overhead (median of recent runs): " + RunSizer.format(seconds(reading)) + " for reading"
        + (floored() ? ", held at a quarter of the target since the overhead leaves less" : "");
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
