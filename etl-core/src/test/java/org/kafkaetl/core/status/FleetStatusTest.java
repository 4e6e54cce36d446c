package org.kafkaetl.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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

class FleetStatusTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
  private static final HourPartition FROM = new HourPartition(DAY.atTime(0, 0));
  private static final HourPartition TO = new HourPartition(DAY.plusDays(1).atTime(23, 0));
  private static final HourPartition NOW = new HourPartition(DAY.plusDays(2).atTime(0, 0));
  private static final FixCommands FIX = new FixCommands("hadoop jar /opt/etl.jar", Optional.of("/etc/etl.properties"));

  @Test
  void eachTopicCountsItsHoursByTheirWorstPartitionAndNamesItsNewestCompleteHour() {
    FleetStatus status = fleet(
        merged("clicks", hour(1)),
        lost("clicks", hour(2)),
        new TopicHour("clicks", hour(3), List.of(), new TreeSet<>(List.of(2)), new TreeSet<>()),
        new TopicHour("clicks", hour(4), List.of(row("clicks", hour(4), 1, RangeState.INCOMPLETE)), new TreeSet<>(),
            new TreeSet<>()),
        new TopicHour("clicks", hour(5), List.of(row("clicks", hour(5), 0, RangeState.RUNNING)), new TreeSet<>(),
            new TreeSet<>()),
        merged("orders", hour(7)));

    List<FleetStatus.TopicSummary> summaries = status.summaries();

    assertThat(summaries).extracting(FleetStatus.TopicSummary::topic).containsExactly("clicks", "orders", "quiet");
    FleetStatus.TopicSummary clicks = summaries.get(0);
    assertThat(clicks.hours()).containsEntry(CellState.MERGED, 1).containsEntry(CellState.LOST, 1)
        .containsEntry(CellState.UNMERGED, 1).containsEntry(CellState.INCOMPLETE, 1).containsEntry(CellState.OPEN, 1)
        .containsEntry(CellState.EMPTY, 48 - 5);
    assertThat(clicks.newestCompleteHour()).as("hour 3: landed, not merged yet").contains(hour(3));
    assertThat(clicks.daysComplete()).containsExactly(DAY);
    assertThat(summaries.get(2).hoursIn(CellState.EMPTY)).isEqualTo(48);
    assertThat(summaries.get(2).newestCompleteHour()).isEmpty();
  }

  @Test
  void actionsComeWorstFirstThenOldestHourFirstEachWithItsCommand() {
    FleetStatus status = fleet(
        new TopicHour("orders", hour(2), List.of(row("orders", hour(2), 0, RangeState.PLANNED)), new TreeSet<>(),
            new TreeSet<>()),
        new TopicHour("clicks", hour(3), List.of(), new TreeSet<>(List.of(0)), new TreeSet<>(List.of(DAY.minusDays(1),
            DAY))),
        new TopicHour("orders", hour(9), List.of(row("orders", hour(9), 3, RangeState.INCOMPLETE),
            row("orders", hour(9), 1, RangeState.INCOMPLETE)), new TreeSet<>(), new TreeSet<>()),
        new TopicHour("clicks", hour(5), List.of(row("clicks", hour(5), 2, RangeState.INCOMPLETE)), new TreeSet<>(),
            new TreeSet<>()));

    assertThat(status.actions(FIX)).extracting(FleetStatus.Action::urgency, FleetStatus.Action::command).containsExactly(
        org.assertj.core.groups.Tuple.tuple(FleetStatus.Urgency.INCOMPLETE,
            "hadoop jar /opt/etl.jar rerun --topic clicks --partition 2 --hour 2026112005 --config /etc/etl.properties"),
        org.assertj.core.groups.Tuple.tuple(FleetStatus.Urgency.INCOMPLETE,
            "hadoop jar /opt/etl.jar rerun --topic orders --partition 1,3 --hour 2026112009 --config /etc/etl.properties"),
        org.assertj.core.groups.Tuple.tuple(FleetStatus.Urgency.STUCK,
            "hadoop jar /opt/etl.jar run --config /etc/etl.properties"),
        org.assertj.core.groups.Tuple.tuple(FleetStatus.Urgency.NOT_MERGED,
            "hadoop jar /opt/etl.jar merge --topic clicks --date 2026-11-19 --config /etc/etl.properties"),
        org.assertj.core.groups.Tuple.tuple(FleetStatus.Urgency.NOT_MERGED,
            "hadoop jar /opt/etl.jar merge --topic clicks --date 2026-11-20 --config /etc/etl.properties"));
    assertThat(status.needsAction()).isTrue();
  }

  @Test
  void rangesOpenOrUnmergedInTheLastTwoHoursAreStillTheirRunsBusiness() {
    HourPartition previous = NOW.previous();
    FleetStatus status = fleet(
        new TopicHour("clicks", previous, List.of(row("clicks", previous, 0, RangeState.RUNNING)), new TreeSet<>(),
            new TreeSet<>()),
        new TopicHour("orders", previous, List.of(), new TreeSet<>(List.of(0)), new TreeSet<>()));

    assertThat(status.actions(FIX)).isEmpty();
    assertThat(status.needsAction()).isFalse();
  }

  @Test
  void theTextHasALinePerTopicAndEachActionWithItsCommand() {
    FleetStatus status = fleet(merged("clicks", hour(1)),
        new TopicHour("orders", hour(9), List.of(row("orders", hour(9), 3, RangeState.INCOMPLETE)), new TreeSet<>(),
            new TreeSet<>()));

    String text = FleetText.render(status, FIX);

    assertThat(text).contains("status of 3 topics, hours 2026112000 to 2026112123 (48 hours; now 2026112200): 1 need"
        + " action");
    assertThat(text.lines()).anySatisfy(line -> assertThat(line.split("\\s+"))
        .containsExactly("clicks", "1", "0", "0", "0", "0", "47", "?", "?", "2026112001", "2026-11-20"));
    assertThat(text.lines()).anySatisfy(line -> assertThat(line.split("\\s+"))
        .containsExactly("quiet", "0", "0", "0", "0", "0", "48", "?", "?", "-", "-"));
    assertThat(text).contains("orders hour 2026112009: partition(s) [3] incomplete\n"
        + "    hadoop jar /opt/etl.jar rerun --topic orders --partition 3 --hour 2026112009 --config /etc/etl.properties");
    assertThat(FleetText.render(fleet(merged("clicks", hour(1))), FIX)).endsWith("nothing needs action\n");
  }

  @Test
  void theJsonHasTheDocumentedShape() throws Exception {
    FleetStatus status = fleet(merged("clicks", hour(1)),
        new TopicHour("orders", hour(9), List.of(row("orders", hour(9), 3, RangeState.INCOMPLETE)), new TreeSet<>(),
            new TreeSet<>()));

    JsonNode json = new ObjectMapper().readTree(FleetJson.render(status, FIX));

    assertThat(json.path("format").asText()).isEqualTo("kafka-etl.status.fleet.v1");
    assertThat(json.path("from").asText()).isEqualTo("2026112000");
    assertThat(json.path("to").asText()).isEqualTo("2026112123");
    assertThat(json.path("hours").asInt()).isEqualTo(48);
    assertThat(json.path("now").asText()).isEqualTo("2026112200");
    assertThat(json.path("needsAction").asBoolean()).isTrue();
    JsonNode clicks = json.path("topics").get(0);
    assertThat(clicks.path("topic").asText()).isEqualTo("clicks");
    assertThat(clicks.path("hours").toString())
        .isEqualTo("{\"complete\":1,\"notMerged\":0,\"lost\":0,\"incomplete\":0,\"running\":0,\"noData\":47}");
    assertThat(clicks.path("newestCompleteHour").asText()).isEqualTo("2026112001");
    assertThat(clicks.path("daysComplete").toString()).isEqualTo("[\"2026-11-20\"]");
    assertThat(clicks.path("actions").asInt()).isZero();
    assertThat(json.path("topics").get(2).path("newestCompleteHour").isNull()).isTrue();
    JsonNode action = json.path("actions").get(0);
    assertThat(action.path("urgency").asText()).isEqualTo("INCOMPLETE");
    assertThat(action.path("topic").asText()).isEqualTo("orders");
    assertThat(action.path("hour").asText()).isEqualTo("2026112009");
    assertThat(action.path("problem").asText()).isEqualTo("hour 2026112009: partition(s) [3] incomplete");
    assertThat(action.path("command").asText())
        .isEqualTo("hadoop jar /opt/etl.jar rerun --topic orders --partition 3 --hour 2026112009 --config /etc/etl.properties");
  }

  @Test
  void theJsonGivesTheLastSizedRunsExpectedAndActualTimeWhenRunsSizeThemselves() throws Exception {
    FleetStatus status = fleet(merged("clicks", hour(1)));
    var sized = new org.kafkaetl.core.sizing.ThroughputHistory.RunTiming(42, "2026112009", java.time.Duration.ofMinutes(20),
        java.time.Duration.ofSeconds(900), java.time.Duration.ofSeconds(1_250), 6);

    JsonNode json = new ObjectMapper().readTree(FleetJson.render(status, FIX, java.util.Optional.of(sized)));

    assertThat(json.path("lastSizedRun").toString()).isEqualTo("{\"runId\":42,\"hour\":\"2026112009\",\"mapTasks\":6,"
        + "\"targetSeconds\":1200.0,\"expectedSeconds\":900.0,\"actualSeconds\":1250.0}");
    assertThat(new ObjectMapper().readTree(FleetJson.render(status, FIX)).path("lastSizedRun").isNull()).isTrue();
  }

  private static FleetStatus fleet(TopicHour... hours) {
    return new FleetStatus(FROM, TO, NOW, List.of("clicks", "orders", "quiet"), List.of(hours),
        Map.of("clicks", new TreeSet<>(List.of(DAY))));
  }

  private static HourPartition hour(int h) {
    return new HourPartition(DAY.atTime(h, 0));
  }

  private static TopicHour merged(String topic, HourPartition hour) {
    return new TopicHour(topic, hour, List.of(), new TreeSet<>(), new TreeSet<>());
  }

  private static TopicHour lost(String topic, HourPartition hour) {
    return new TopicHour(topic, hour, List.of(row(topic, hour, 0, RangeState.LOST)), new TreeSet<>(), new TreeSet<>());
  }

  private static RangeRecord row(String topic, HourPartition hour, int partition, RangeState state) {
    return new RangeRecord(1, hour, new KafkaEvent(TopicPartition.of(topic, partition), new OffsetRange(0, 10)), state,
        state == RangeState.INCOMPLETE ? 4 : 10, 4, 0, "", 1);
  }
}
