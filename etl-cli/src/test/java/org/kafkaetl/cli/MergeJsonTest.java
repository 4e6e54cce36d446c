package org.kafkaetl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.merge.DailyMerge;

class MergeJsonTest {
  private static final LocalDate DATE = LocalDate.of(2026, 11, 21);

  @Test
  void aMergeNamesItsDateAndWhatItDid() throws Exception {
    DailyMerge.MergeResult result = new DailyMerge.MergeResult(ExitCode.OK, "merge clicks 2026-11-21: 3 partitions",
        List.of());

    JsonNode doc = new ObjectMapper().readTree(MergeJson.render("clicks", DATE, OptionalInt.empty(), false, result,
        Duration.ofMillis(1_500), MetricsPush.pushed(java.util.OptionalLong.of(0))));

    assertThat(doc.path("format").asText()).isEqualTo("kafka-etl.merge.v1");
    assertThat(doc.path("topic").asText()).isEqualTo("clicks");
    assertThat(doc.path("date").asText()).isEqualTo("2026-11-21");
    assertThat(doc.path("partition").isNull()).isTrue();
    assertThat(doc.path("rebuild").asBoolean()).isFalse();
    assertThat(doc.path("exitCode").asInt()).isZero();
    assertThat(doc.path("result").asText()).isEqualTo("OK");
    assertThat(doc.path("durationSeconds").asDouble()).isEqualTo(1.5);
    assertThat(doc.path("bytesMerged").asLong()).isZero();
    assertThat(doc.path("partitions")).isEmpty();
    assertThat(doc.path("metricsPush").path("pushed").asBoolean()).isTrue();
    assertThat(doc.path("lines").get(0).asText()).isEqualTo("merge clicks 2026-11-21: 3 partitions");
  }

  @Test
  void aFailedMergeOfOnePartitionSaysSoWithEachLineOfItsMessage() throws Exception {
    DailyMerge.MergeResult result = new DailyMerge.MergeResult(ExitCode.FAILED,
        "merge clicks 2026-11-21 failed for partition 2\n  cannot append: quota exceeded", List.of());

    JsonNode doc = new ObjectMapper().readTree(MergeJson.render("clicks", DATE, OptionalInt.of(2), true, result,
        Duration.ZERO, MetricsPush.NOT_CONFIGURED));

    assertThat(doc.path("partition").asInt()).isEqualTo(2);
    assertThat(doc.path("rebuild").asBoolean()).isTrue();
    assertThat(doc.path("exitCode").asInt()).isEqualTo(1);
    assertThat(doc.path("result").asText()).isEqualTo("FAILED");
    assertThat(doc.path("lines")).extracting(JsonNode::asText).containsExactly(
        "merge clicks 2026-11-21 failed for partition 2", "  cannot append: quota exceeded");
    assertThat(doc.path("metricsPush").path("configured").asBoolean()).isFalse();
  }
}
