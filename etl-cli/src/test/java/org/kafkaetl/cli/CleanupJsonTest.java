package org.kafkaetl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.offsets.HistoryPruned;
import org.kafkaetl.merge.WorkCleanup;

class CleanupJsonTest {
  @Test
  void eachHourDirectoryIsDeletedOrKeptWithItsReasonAndThePrunedRowsAreCounted() throws Exception {
    List<WorkCleanup.Decision> decisions = List.of(new WorkCleanup.Decision("/etl/work/2026110100", true, "all merged"),
        new WorkCleanup.Decision("/etl/work/2026110101", false, "clicks-3 100-200 is INCOMPLETE"));

    JsonNode doc = new ObjectMapper().readTree(CleanupJson.render(7, false, ExitCode.OK, Optional.of(decisions),
        Optional.of(new HistoryPruned(4, 96, 1)), List.of("deleted 1 of 2 hour directories older than 7 days")));

    assertThat(doc.path("format").asText()).isEqualTo("kafka-etl.cleanup.v1");
    assertThat(doc.path("olderThanDays").asInt()).isEqualTo(7);
    assertThat(doc.path("dryRun").asBoolean()).isFalse();
    assertThat(doc.path("exitCode").asInt()).isZero();
    assertThat(doc.path("considered").asInt()).isEqualTo(2);
    assertThat(doc.path("deleted").asInt()).isEqualTo(1);
    assertThat(doc.path("hourDirectories").get(0).path("path").asText()).isEqualTo("/etl/work/2026110100");
    assertThat(doc.path("hourDirectories").get(0).path("delete").asBoolean()).isTrue();
    assertThat(doc.path("hourDirectories").get(1).path("delete").asBoolean()).isFalse();
    assertThat(doc.path("hourDirectories").get(1).path("reason").asText()).contains("INCOMPLETE");
    assertThat(doc.path("offsetsPruned").path("ranges").asLong()).isEqualTo(96);
    assertThat(doc.path("offsetsPruned").path("lostRanges").asLong()).isEqualTo(1);
    assertThat(doc.path("offsetsPruned").path("partitions").asLong()).isEqualTo(4);
  }

  @Test
  void aCleanupLockedOutDidNothingAndExits4() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(CleanupJson.render(7, true, ExitCode.LOCKED, Optional.empty(),
        Optional.empty(), List.of("an hourly run or rerun holds the lock; cleanup did nothing")));

    assertThat(doc.path("exitCode").asInt()).isEqualTo(4);
    assertThat(doc.path("result").asText()).isEqualTo("LOCKED");
    assertThat(doc.path("dryRun").asBoolean()).isTrue();
    assertThat(doc.path("considered").asInt()).isZero();
    assertThat(doc.path("hourDirectories")).isEmpty();
    assertThat(doc.path("offsetsPruned").isNull()).isTrue();
    assertThat(doc.path("lines").get(0).asText()).contains("holds the lock");
  }
}
