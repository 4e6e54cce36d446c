package org.kafkaetl.core.sizing;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.plan.MapperAssignment;

/**
 * What a job spent beyond its map tasks' reading: its wall time less the longest map task's reading
 * time (the sum of its ranges' times). Start-up, waiting for containers and commit are all in it; the
 * next runs take it off their target ({@link ReadingBudget}).
 */
public final class RunOverhead {
  private RunOverhead() {}

  /**
   * @param jobTime from submitting the job to its end; zero when unknown
   * @param reports the committed reports of the job's ranges
   * @return empty when the job's time is unknown or a range has no report or no time of its own (not
   *     committed, or resumed from an earlier read): the longest task is then not known
   */
  public static Optional<Duration> of(Duration jobTime, List<MapperAssignment> assignments,
      Collection<RangeReport> reports) {
    Map<KafkaEvent, RangeReport> byEvent = reports.stream()
        .collect(Collectors.toMap(RangeReport::event, Function.identity(), (a, b) -> a));
    if (jobTime.isZero() || assignments.stream().flatMap(a -> a.events().stream())
        .anyMatch(e -> !byEvent.containsKey(e) || byEvent.get(e).readMillis() == 0)) {
      return Optional.empty();
    }
    long longest = assignments.stream().mapToLong(a -> a.events().stream()
        .mapToLong(e -> byEvent.get(e).readMillis()).sum()).max().orElse(0);
    return Optional.of(Duration.ofMillis(Math.max(0, jobTime.toMillis() - longest)));
  }
}
