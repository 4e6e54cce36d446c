package org.kafkaetl.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;

class DayStatusJsonTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
  private static final HourPartition H03 = new HourPartition(DAY.atTime(3, 0));
  private static final HourPartition NEXT_DAY = new HourPartition(DAY.plusDays(1).atTime(2, 0));
  private static final FixCommands FIX = new FixCommands("hadoop jar /opt/etl.jar", Optional.of("/etc/etl.properties"));

  @Test
  void anIncompleteCellIsItsSymbolItsRangeAndTheRerunCommand() throws Exception {
    RangeRecord incomplete = new RangeRecord(1, H03, event(0, 0, 10), RangeState.INCOMPLETE, 5, 5, 1,
        "no progress for 120 s", 1);
    RangeRecord complete = new RangeRecord(1, H03, event(12, 0, 10), RangeState.COMPLETE, 10, 10, 0, "", 1);
    DayStatus status = DayStatus.of("clicks", DAY, List.of(cell(0, incomplete), cell(12, complete)), Optional.empty(),
        NEXT_DAY);

    JsonNode doc = new ObjectMapper().readTree(DayStatusJson.render(status, FIX));

    assertThat(doc.path("format").asText()).isEqualTo("kafka-etl.status.topic.v1");
    assertThat(doc.path("topic").asText()).isEqualTo("clicks");
    assertThat(doc.path("date").asText()).isEqualTo("2026-11-20");
    assertThat(doc.path("now").asText()).isEqualTo("2026112102");
    assertThat(doc.path("needsAction").asBoolean()).isTrue();
    assertThat(doc.path("dayComplete").asBoolean()).isFalse();
    assertThat(doc.path("completeRevision").isNull()).isTrue();
    assertThat(doc.path("partitions")).extracting(JsonNode::asInt).containsExactly(0, 12);
    assertThat(doc.path("cells").path("incomplete").asInt()).isEqualTo(1);
    assertThat(doc.path("cells").path("complete").asInt()).isEqualTo(1);
    assertThat(doc.path("cells").path("noData").asInt()).isEqualTo(46);
    assertThat(doc.path("hours")).hasSize(24);
    JsonNode h03 = doc.path("hours").get(3);
    assertThat(h03.path("hour").asText()).isEqualTo("2026112003");
    assertThat(h03.path("cells").asText()).isEqualTo("IM");
    assertThat(h03.path("records").asLong()).isEqualTo(15);
    assertThat(h03.path("decodeErrors").asLong()).isEqualTo(1);
    assertThat(doc.path("hours").get(4).path("cells").asText()).isEqualTo("..");
    assertThat(doc.path("ranges")).singleElement().satisfies(r -> {
      assertThat(r.path("hour").asText()).isEqualTo("2026112003");
      assertThat(r.path("partition").asInt()).isZero();
      assertThat(r.path("begin").asLong()).isZero();
      assertThat(r.path("end").asLong()).isEqualTo(10);
      assertThat(r.path("state").asText()).isEqualTo("INCOMPLETE");
      assertThat(r.path("reached").asLong()).isEqualTo(5);
      assertThat(r.path("detail").asText()).isEqualTo("no progress for 120 s");
    });
    assertThat(doc.path("actions")).singleElement().satisfies(a -> {
      assertThat(a.path("problem").asText()).isEqualTo("hour 2026112003: partition(s) [0] incomplete");
      assertThat(a.path("command").asText()).isEqualTo(
          "hadoop jar /opt/etl.jar rerun --topic clicks --partition 0 --hour 2026112003 --config /etc/etl.properties");
    });
  }

  @Test
  void aCompleteDayNeedsNothingAndNamesItsRevision() throws Exception {
    RangeRecord lost = new RangeRecord(1, H03, event(1, 0, 10), RangeState.LOST, 10, 7, 0, "Kafka deleted 0-3", 1);
    DayStatus status = DayStatus.of("clicks", DAY, List.of(cell(1, lost)), Optional.of(2), NEXT_DAY);

    JsonNode doc = new ObjectMapper().readTree(DayStatusJson.render(status, FIX));

    assertThat(doc.path("needsAction").asBoolean()).isFalse();
    assertThat(doc.path("dayComplete").asBoolean()).isTrue();
    assertThat(doc.path("completeRevision").asInt()).isEqualTo(2);
    assertThat(doc.path("cells").path("lost").asInt()).isEqualTo(1);
    assertThat(doc.path("ranges").get(0).path("state").asText()).isEqualTo("LOST");
    assertThat(doc.path("ranges").get(0).path("reached").isNull()).isTrue();
    assertThat(doc.path("actions")).isEmpty();
  }

  private static HourCell cell(int partition, RangeRecord row) {
    return new HourCell(H03, partition, List.of(row), new TreeSet<>());
  }

  private static KafkaEvent event(int partition, long begin, long end) {
    return new KafkaEvent(new TopicPartition("clicks", partition), new OffsetRange(begin, end));
  }
}
