package org.kafkaetl.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReadOffsets;
import org.kafkaetl.core.plan.MapperAssignment;

class RunOverheadTest {
  private static final KafkaEvent A = event(0);
  private static final KafkaEvent B = event(1);
  private static final KafkaEvent C = event(2);
  /** Task 1 reads A then B (3 s + 4 s), task 2 reads C (5 s). */
  private static final List<MapperAssignment> TASKS = List.of(new MapperAssignment(List.of(A, B), 2),
      new MapperAssignment(List.of(C), 1));

  private static KafkaEvent event(int partition) {
    return new KafkaEvent(TopicPartition.of("t", partition), new OffsetRange(0, 100));
  }

  private static RangeReport report(KafkaEvent e, long readMillis) {
    return new RangeReport(e, 100, 100, 0, 5000, "", Map.of(), List.of(), 0, 0, 0, List.of(), ReadOffsets.UNKNOWN,
        readMillis);
  }

  @Test
  void theJobsWallTimeLessItsLongestMapTasksReading() {
    assertThat(RunOverhead.of(Duration.ofSeconds(20), TASKS, List.of(report(A, 3000), report(B, 4000),
        report(C, 5000)))).contains(Duration.ofSeconds(13));
  }

  @Test
  void unknownWhenARangeHasNoReportOrNoTimeOfItsOwnOrTheJobsTimeIsUnknown() {
    assertThat(RunOverhead.of(Duration.ofSeconds(20), TASKS, List.of(report(A, 3000), report(C, 5000)))).isEmpty();
    assertThat(RunOverhead.of(Duration.ofSeconds(20), TASKS, List.of(report(A, 3000), report(B, 0),
        report(C, 5000)))).isEmpty();
    assertThat(RunOverhead.of(Duration.ZERO, TASKS, List.of(report(A, 3000), report(B, 4000), report(C, 5000))))
        .isEmpty();
  }

  @Test
  void neverNegative() {
    assertThat(RunOverhead.of(Duration.ofSeconds(1), TASKS, List.of(report(A, 3000), report(B, 4000),
        report(C, 5000)))).contains(Duration.ZERO);
  }
}
