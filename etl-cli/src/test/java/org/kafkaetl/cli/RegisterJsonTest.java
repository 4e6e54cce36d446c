package org.kafkaetl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.hive.DayPublisher;

class RegisterJsonTest {
  @Test
  void eachDayHasItsResultAndADayKeptForLaterFailsTheCommand() throws Exception {
    LocalDate first = LocalDate.of(2026, 11, 20);
    LocalDate second = first.plusDays(1);
    Map<LocalDate, DayPublisher.Outcome> days = new LinkedHashMap<>();
    days.put(first, new DayPublisher.Outcome(DayPublisher.Result.REGISTERED, "revision 2"));
    days.put(second, new DayPublisher.Outcome(DayPublisher.Result.PENDING, "metastore did not answer"));
    Map<LocalDate, String> lines = Map.of(first, "clicks 2026-11-20: registered in etl.clicks",
        second, "clicks 2026-11-21: could not be registered, kept for the next run: metastore did not answer");

    JsonNode doc = new ObjectMapper().readTree(RegisterJson.render("clicks", "etl.clicks", ExitCode.FAILED, days,
        lines));

    assertThat(doc.path("format").asText()).isEqualTo("kafka-etl.register.v1");
    assertThat(doc.path("topic").asText()).isEqualTo("clicks");
    assertThat(doc.path("table").asText()).isEqualTo("etl.clicks");
    assertThat(doc.path("exitCode").asInt()).isEqualTo(1);
    assertThat(doc.path("days")).hasSize(2);
    assertThat(doc.path("days").get(0).path("date").asText()).isEqualTo("2026-11-20");
    assertThat(doc.path("days").get(0).path("result").asText()).isEqualTo("REGISTERED");
    assertThat(doc.path("days").get(1).path("result").asText()).isEqualTo("PENDING");
    assertThat(doc.path("days").get(1).path("reason").asText()).isEqualTo("metastore did not answer");
    assertThat(doc.path("days").get(1).path("line").asText()).startsWith("clicks 2026-11-21: could not be registered");
  }
}
