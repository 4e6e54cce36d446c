package org.kafkaetl.mapreduce.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;
import org.junit.jupiter.api.Test;

class RunResultTest {
  private static final HourPartition EARLIER = HourPartition.parse("2026120705");
  private static final HourPartition NOW = HourPartition.parse("2026120708");

  @Test
  void aRetryStillIncompleteIsAmongTheRunsOutcomesAndMakesItIncomplete() {
    RangeOutcome retried = outcome(0, RangeState.INCOMPLETE);
    RangeOutcome landed = outcome(100, RangeState.COMPLETE);
    RunResult retry = new RunResult(ExitCode.INCOMPLETE, 3, EARLIER, List.of(retried), "retry of hour 2026120705");
    RunResult run = new RunResult(ExitCode.OK, 4, NOW, List.of(landed), "run 4");

    RunResult whole = RunResult.afterRetries(List.of(retry), run);

    assertThat(whole.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
    assertThat(whole.outcomes()).as("what the summary, its JSON and the metrics count").containsExactly(retried, landed);
    assertThat(whole.hoursLanded()).containsExactly(EARLIER, NOW);
    assertThat(whole.runId()).isEqualTo(4);
  }

  @Test
  void theTopicsNotReadStayWithTheResultThroughEachStepAfter() {
    org.kafkaetl.core.plan.TopicUnavailable orders = new org.kafkaetl.core.plan.TopicUnavailable("orders", List.of(),
        org.kafkaetl.core.plan.TopicUnavailable.Cause.NOT_AUTHORIZED, "");
    RunResult run = new RunResult(ExitCode.OK, 4, NOW, List.of(outcome(100, RangeState.COMPLETE)), "run 4");

    RunResult whole = RunResult.afterRetries(List.of(new RunResult(ExitCode.OK, 3, EARLIER, List.of(), "retry")),
        run.withLost(5).withImplausible(java.util.Map.of("clicks", 2L))).notRead(List.of(orders)).withLost(1);

    assertThat(whole.notRead()).containsExactly(orders);
    assertThat(whole.message()).contains("not read this run (alerted): topic orders: not authorized");
  }

  private static RangeOutcome outcome(long begin, RangeState state) {
    return new RangeOutcome(new KafkaEvent(TopicPartition.of("clicks", 0), new OffsetRange(begin, begin + 100)), state,
        state == RangeState.COMPLETE ? begin + 100 : begin + 40, 40, 0, "");
  }
}
