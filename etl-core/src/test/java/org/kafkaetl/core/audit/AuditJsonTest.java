package org.kafkaetl.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AuditJsonTest {
  private static final AuditWindow DAY = AuditWindow.day(LocalDate.of(2026, 11, 21));

  @Test
  void aCleanDayIsItsTableAndVerdict() throws Exception {
    AuditReport report = AuditReportTest.cleanDay();

    JsonNode doc = new ObjectMapper().readTree(AuditJson.render(report));

    assertThat(doc.path("format").asText()).isEqualTo("kafka-etl.audit.v1");
    assertThat(doc.path("topic").asText()).isEqualTo("orders");
    assertThat(doc.path("window").path("from").asText()).isEqualTo("2026112100");
    assertThat(doc.path("window").path("to").asText()).isEqualTo("2026112123");
    assertThat(doc.path("window").path("date").asText()).isEqualTo("2026-11-21");
    assertThat(doc.path("clean").asBoolean()).isTrue();
    assertThat(doc.path("verdict").asText()).isEqualTo("audit orders 2026-11-21: CLEAN");
    JsonNode partition = doc.path("partitions").get(0);
    assertThat(partition.path("partition").asInt()).isZero();
    assertThat(partition.path("ranges").asLong()).isEqualTo(1);
    assertThat(partition.path("expected").asLong()).isEqualTo(3);
    assertThat(partition.path("landed").asLong()).isEqualTo(2);
    assertThat(partition.path("errors").asLong()).isEqualTo(1);
    assertThat(partition.path("daily").asLong()).isEqualTo(2);
    assertThat(partition.path("missing").asLong()).isZero();
    assertThat(partition.path("problems").asLong()).isZero();
    assertThat(doc.path("problems")).isEmpty();
  }

  @Test
  void eachProblemIsAnObjectAndAFileWithoutPartitionHasNullForIt() throws Exception {
    AuditReport report = new AuditReport("orders", AuditWindow.hours(DAY.from(), DAY.from()));
    report.add(new Finding(Finding.Kind.GAP, 1, "etl_offsets between a and b", "offsets 3..4 (2 offsets) are in no row"));
    report.add(new Finding(Finding.Kind.UNEXPECTED_FILE, Finding.NO_PARTITION, "file /x", "unknown"));
    report.note("partition 1: offsets 0..9 were deleted by Kafka");

    JsonNode doc = new ObjectMapper().readTree(AuditJson.render(report));

    assertThat(doc.path("clean").asBoolean()).isFalse();
    assertThat(doc.path("verdict").asText()).isEqualTo("audit orders 2026112100-2026112100: 2 problems");
    assertThat(doc.path("window").path("date").isNull()).isTrue();
    assertThat(doc.path("notes").get(0).asText()).startsWith("partition 1: offsets 0..9");
    assertThat(doc.path("partitions").get(0).path("partition").asInt()).isEqualTo(1);
    assertThat(doc.path("partitions").get(0).path("problems").asLong()).isEqualTo(1);
    JsonNode gap = doc.path("problems").get(0);
    assertThat(gap.path("kind").asText()).isEqualTo("GAP");
    assertThat(gap.path("partition").asInt()).isEqualTo(1);
    assertThat(gap.path("where").asText()).isEqualTo("etl_offsets between a and b");
    assertThat(gap.path("what").asText()).startsWith("offsets 3..4");
    assertThat(doc.path("problems").get(1).path("partition").isNull()).isTrue();
  }
}
