package org.kafkaetl.core.sizing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;

/**
 * What a run's map tasks measured per topic, from the reports they committed: the offsets read, their
 * bytes and the time spent on them. A topic with any fault in the run (a range not COMPLETE, a lost
 * sub-range, a read stopped early, a report without its time, a failed job) is marked faulted, so
 * its rate is not taken for the topic's.
 */
public final class RateMeasurement {
  private RateMeasurement() {}

  /**
   * @param reports the committed reports of the run's first read
   * @param outcomes the coverage check's outcome of every range the run read
   * @param jobSucceeded whether the job ended successfully
   */
  public static Map<String, RateSample> of(long runId, Collection<RangeReport> reports, List<RangeOutcome> outcomes,
      boolean jobSucceeded) {
    Set<String> faulted = new TreeSet<>();
    outcomes.stream().filter(o -> o.state() != RangeState.COMPLETE || !o.lost().isEmpty())
        .forEach(o -> faulted.add(o.event().topic()));
    reports.stream().filter(r -> !r.stopReason().isEmpty() || !r.lost().isEmpty() || r.readMillis() == 0)
        .forEach(r -> faulted.add(r.event().topic()));
    Map<String, long[]> sums = new TreeMap<>();
    outcomes.forEach(o -> sums.computeIfAbsent(o.event().topic(), t -> new long[3]));
    for (RangeReport r : reports) {
      long[] sum = sums.computeIfAbsent(r.event().topic(), t -> new long[3]);
      sum[0] += r.messagesRead();
      sum[1] += r.bytes();
      sum[2] += r.readMillis();
    }
    Map<String, RateSample> samples = new TreeMap<>();
    sums.forEach((topic, sum) -> samples.put(topic,
        new RateSample(runId, sum[0], sum[1], sum[2], !jobSucceeded || faulted.contains(topic))));
    return samples;
  }
}
