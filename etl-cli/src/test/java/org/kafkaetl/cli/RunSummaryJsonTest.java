package org.kafkaetl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.metrics.CommandMetrics;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.plan.TopicUnavailable;
import org.kafkaetl.mapreduce.driver.RunResult;

class RunSummaryJsonTest {
  private static final HourPartition HOUR = HourPartition.parse("2026112109");

  @Test
  void anIncompleteRunListsWhatDidNotLandAndCountsTheRestPerTopic() throws Exception {
    RunResult result = new RunResult(ExitCode.INCOMPLETE, 8, HOUR, List.of(
        outcome("clicks", 0, RangeState.COMPLETE, 1000, 1200, 3, "", List.of()),
        outcome("clicks", 1, RangeState.INCOMPLETE, 300, 300, 0, "no progress for 120 s", List.of()),
        outcome("orders", 0, RangeState.LOST, 1000, 500, 0, "Kafka deleted 100-150",
            List.of(new OffsetRange(100, 150)))), "run 8 (hour 2026112109): 1 of 3 ranges INCOMPLETE");
    MergeAfterRun.Outcome merged = new MergeAfterRun.Outcome(ExitCode.OK, List.of("merged clicks 2026-11-21"),
        Map.of("clicks", 4096L));
    CommandMetrics metrics = CommandMetricsOf.readAndMerge("run", ExitCode.INCOMPLETE, result,
        Duration.ofMillis(61_500), merged, Duration.ofMillis(2_250));

    JsonNode doc = new ObjectMapper().readTree(RunSummaryJson.render(metrics, result, merged, MetricsPush.failed(java.util.OptionalLong.of(3)),
        List.of(result.message(), "merged clicks 2026-11-21")));

    assertThat(doc.path("format").asText()).isEqualTo("kafka-etl.run.v1");
    assertThat(doc.path("command").asText()).isEqualTo("run");
    assertThat(doc.path("exitCode").asInt()).isEqualTo(3);
    assertThat(doc.path("result").asText()).isEqualTo("INCOMPLETE");
    assertThat(doc.path("runId").asLong()).isEqualTo(8);
    assertThat(doc.path("hour").asText()).isEqualTo("2026112109");
    assertThat(doc.path("durationSeconds").asDouble()).isEqualTo(61.5);
    assertThat(doc.path("mergeDurationSeconds").asDouble()).isEqualTo(2.25);
    assertThat(doc.path("hoursLanded")).extracting(JsonNode::asText).containsExactly("2026112109");
    JsonNode clicks = doc.path("topics").get(0);
    assertThat(clicks.path("topic").asText()).isEqualTo("clicks");
    assertThat(clicks.path("ranges").asLong()).isEqualTo(2);
    assertThat(clicks.path("records").asLong()).isEqualTo(1500);
    assertThat(clicks.path("decodeErrors").asLong()).isEqualTo(3);
    assertThat(clicks.path("incompleteRanges").asLong()).isEqualTo(1);
    assertThat(clicks.path("bytesMerged").asLong()).isEqualTo(4096);
    assertThat(doc.path("topics").get(1).path("lostOffsets").asLong()).isEqualTo(50);
    assertThat(doc.path("rangesNotComplete")).hasSize(2);
    JsonNode incomplete = doc.path("rangesNotComplete").get(0);
    assertThat(incomplete.path("topic").asText()).isEqualTo("clicks");
    assertThat(incomplete.path("partition").asInt()).isEqualTo(1);
    assertThat(incomplete.path("state").asText()).isEqualTo("INCOMPLETE");
    assertThat(incomplete.path("reached").asLong()).isEqualTo(300);
    assertThat(incomplete.path("detail").asText()).isEqualTo("no progress for 120 s");
    JsonNode lost = doc.path("rangesNotComplete").get(1).path("lost").get(0);
    assertThat(lost.path("begin").asLong()).isEqualTo(100);
    assertThat(lost.path("end").asLong()).isEqualTo(150);
    assertThat(doc.path("merge").path("exitCode").asInt()).isZero();
    assertThat(doc.path("merge").path("messages").get(0).asText()).isEqualTo("merged clicks 2026-11-21");
    assertThat(doc.path("metricsPush").path("configured").asBoolean()).isTrue();
    assertThat(doc.path("metricsPush").path("pushed").asBoolean()).isFalse();
    assertThat(doc.path("metricsPush").path("failures").asInt()).isEqualTo(1);
    assertThat(doc.path("metricsPush").path("failuresCounted").asLong()).isEqualTo(3);
    assertThat(doc.path("lines")).extracting(JsonNode::asText)
        .containsExactly("run 8 (hour 2026112109): 1 of 3 ranges INCOMPLETE", "merged clicks 2026-11-21");
  }

  @Test
  void aRunWithNothingNewHasNoTopicsNoMergeAndNoPushConfigured() throws Exception {
    RunResult result = new RunResult(ExitCode.OK, 0, HOUR, List.of(), "nothing new in Kafka; no run recorded");
    CommandMetrics metrics = CommandMetricsOf.readAndMerge("rerun", ExitCode.OK, result, Duration.ofSeconds(2), null,
        Duration.ZERO);

    JsonNode doc = new ObjectMapper().readTree(RunSummaryJson.render(metrics, result, null,
        MetricsPush.NOT_CONFIGURED, List.of(result.message())));

    assertThat(doc.path("command").asText()).isEqualTo("rerun");
    assertThat(doc.path("exitCode").asInt()).isZero();
    assertThat(doc.path("result").asText()).isEqualTo("OK");
    assertThat(doc.path("topics")).isEmpty();
    assertThat(doc.path("rangesNotComplete")).isEmpty();
    assertThat(doc.path("notRead")).as("every topic read").isEmpty();
    assertThat(doc.path("hoursLanded")).isEmpty();
    assertThat(doc.path("merge").isNull()).isTrue();
    assertThat(doc.path("metricsPush").path("configured").asBoolean()).isFalse();
    assertThat(doc.path("metricsPush").path("failures").asInt()).isZero();
    assertThat(doc.path("metricsPush").path("failuresCounted").isNull()).isTrue();
  }

  @Test
  void theTopicsNotReadAreNamedWithTheirCause() throws Exception {
    RunResult run = new RunResult(ExitCode.OK, 9, HOUR, List.of(outcome("clicks", 0, RangeState.COMPLETE, 1000, 1000, 0,
        "", List.of())), "run 9 (hour 2026112109): 1 range COMPLETE", List.of(HOUR), Map.of(), List.of(
        new TopicUnavailable("orders", List.of(), TopicUnavailable.Cause.DOES_NOT_EXIST, "UnknownTopicOrPartition"),
        new TopicUnavailable("views", List.of(2, 0), TopicUnavailable.Cause.NO_LEADER, "")));
    CommandMetrics metrics = CommandMetricsOf.readAndMerge("run", ExitCode.INCOMPLETE, run, Duration.ofSeconds(5), null,
        Duration.ZERO);

    JsonNode doc = new ObjectMapper().readTree(RunSummaryJson.render(metrics, run, null, MetricsPush.NOT_CONFIGURED,
        List.of(run.message())));

    assertThat(doc.path("notRead").toString()).isEqualTo("[{\"topic\":\"orders\",\"partitions\":[],"
        + "\"cause\":\"DOES_NOT_EXIST\",\"reason\":\"does not exist in Kafka\",\"detail\":\"UnknownTopicOrPartition\"},"
        + "{\"topic\":\"views\",\"partitions\":[0,2],\"cause\":\"NO_LEADER\",\"reason\":\"no leader\","
        + "\"detail\":null}]");
  }

  private static RangeOutcome outcome(String topic, int partition, RangeState state, long reached, long records,
      long errors, String detail, List<OffsetRange> lost) {
    return new RangeOutcome(new KafkaEvent(TopicPartition.of(topic, partition), new OffsetRange(0, 1000)), state,
        reached, records, errors, detail, lost);
  }
}
