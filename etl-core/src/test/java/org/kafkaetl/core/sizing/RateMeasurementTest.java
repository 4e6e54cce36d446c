package org.kafkaetl.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReadOffsets;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;

class RateMeasurementTest {
  private static KafkaEvent event(String topic, int partition, long begin, long end) {
    return new KafkaEvent(TopicPartition.of(topic, partition), new OffsetRange(begin, end));
  }

  private static RangeReport report(KafkaEvent e, long reached, long bytes, long millis, String stop) {
    return new RangeReport(e, reached, reached - e.range().begin(), 0, bytes, stop, Map.of(), List.of(), 0, 0, 0,
        List.of(), ReadOffsets.UNKNOWN, millis);
  }

  private static RangeOutcome outcome(KafkaEvent e, RangeState state) {
    return new RangeOutcome(e, state, state == RangeState.COMPLETE ? e.range().end() : e.range().begin(), 0, 0, "");
  }

  @Test
  void sumsEachTopicsRangesIntoOneMappersRate() {
    KafkaEvent a0 = event("a", 0, 0, 1000);
    KafkaEvent a1 = event("a", 1, 500, 1500);
    KafkaEvent b0 = event("b", 0, 0, 10);
    Map<String, RateSample> samples = RateMeasurement.of(7, List.of(report(a0, 1000, 10_000, 500, ""),
        report(a1, 1500, 30_000, 1500, ""), report(b0, 10, 1, 1, "")),
        List.of(outcome(a0, RangeState.COMPLETE), outcome(a1, RangeState.COMPLETE), outcome(b0, RangeState.COMPLETE)),
        true);
    assertThat(samples.get("a")).isEqualTo(new RateSample(7, 2000, 40_000, 2000, false));
    assertThat(samples.get("a").messagesPerSecond()).isEqualTo(1000);
    assertThat(samples.get("b").faulted()).isFalse();
  }

  @Test
  void aTopicWithAFaultIsMarkedSoItsRateIsIgnored() {
    KafkaEvent a0 = event("a", 0, 0, 1000);
    KafkaEvent b0 = event("b", 0, 0, 1000);
    KafkaEvent c0 = event("c", 0, 0, 1000);
    Map<String, RateSample> samples = RateMeasurement.of(7, List.of(report(a0, 400, 1, 60_000, "max.pull.time"),
        report(c0, 1000, 1, 0, "")),
        List.of(outcome(a0, RangeState.INCOMPLETE), outcome(b0, RangeState.INCOMPLETE), outcome(c0, RangeState.COMPLETE)),
        true);
    assertThat(samples.get("a").faulted()).isTrue();
    assertThat(samples.get("b").faulted()).isTrue();
    assertThat(samples.get("c").faulted()).as("a report without its time").isTrue();
  }

  @Test
  void aFailedJobFaultsEveryTopic() {
    KafkaEvent a0 = event("a", 0, 0, 10);
    assertThat(RateMeasurement.of(1, List.of(report(a0, 10, 1, 5, "")), List.of(outcome(a0, RangeState.COMPLETE)),
        false).get("a").faulted()).isTrue();
  }
}
