package org.kafkaetl.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;

class CoverageCheckTest {
  private static final KafkaEvent A = new KafkaEvent(TopicPartition.of("t", 0), new OffsetRange(0, 10));
  private static final KafkaEvent B = new KafkaEvent(TopicPartition.of("t", 1), new OffsetRange(5, 15));
  private static final KafkaEvent C = new KafkaEvent(TopicPartition.of("t", 2), new OffsetRange(0, 4));
  private final CoverageCheck check = new CoverageCheck(topic -> 2);

  @Test
  void completeOnlyWhenReportedReadToEndWithinBudget() {
    List<RangeOutcome> outcomes = check.check(List.of(A, B, C), Map.of(
        A, new RangeReport(A, 10, 9, 1, 100, "", Map.of("2026-11-21", 9L), List.of()),
        B, new RangeReport(B, 12, 7, 0, 70, "max pull time reached at offset 12", Map.of(), List.of())));
    assertThat(outcomes).extracting(RangeOutcome::state)
        .containsExactly(RangeState.COMPLETE, RangeState.INCOMPLETE, RangeState.INCOMPLETE);
    assertThat(outcomes.get(1).reached()).isEqualTo(12);
    assertThat(outcomes.get(1).detail()).contains("max pull time");
    assertThat(outcomes.get(2).reached()).isZero();
    assertThat(outcomes.get(2).detail()).contains("no committed output");
  }

  @Test
  void aRangeKafkaPartlyDeletedIsLostWithItsLostSubRanges() {
    RangeOutcome outcome = check.check(List.of(A), Map.of(A,
        new RangeReport(A, 10, 6, 0, 60, "", Map.of(), List.of(new OffsetRange(0, 4))))).get(0);
    assertThat(outcome.state()).isEqualTo(RangeState.LOST);
    assertThat(outcome.lost()).containsExactly(new OffsetRange(0, 4));
    assertThat(outcome.detail()).contains("deleted 4 messages");
  }

  @Test
  void decodeErrorsOverTheBudgetMakeARangeIncomplete() {
    RangeOutcome outcome = check.check(List.of(A), Map.of(A, new RangeReport(A, 10, 7, 3, 100, "", Map.of(), List.of()))).get(0);
    assertThat(outcome.state()).isEqualTo(RangeState.INCOMPLETE);
    assertThat(outcome.detail()).contains("3 undecodable", "budget of 2");
  }
}
