package org.kafkaetl.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.config.PlausibleEventTimes;
import org.kafkaetl.core.config.StartPosition;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.plan.KafkaOffsetsNow;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.core.plan.TopicUnavailable;

class FleetLagTest {
  private static final HourPartition HOUR = new HourPartition(LocalDateTime.of(2026, 11, 20, 3, 0));

  @Test
  void lagIsWhatNoRunPlannedPlusWhatWasPlannedAndNotRead() {
    KafkaOffsetsNow kafka = new KafkaOffsetsNow(List.of(
        offsets("clicks", 0, 0, 500), // planned to 450: 50 behind
        offsets("clicks", 1, 0, 300), // planned to 300, but its range [200, 300) stopped at 260: 40 behind
        offsets("clicks", 2, 0, 100), // planned to 100, running [80, 100): 20 behind
        offsets("clicks", 3, 1_000, 1_200), // planned to 900, retention since deleted to 1,000: 200 behind
        offsets("views", 0, 10, 70)), List.of()); // never planned; the next run starts at the earliest offset
    Map<TopicPartition, Long> planned = Map.of(TopicPartition.of("clicks", 0), 450L,
        TopicPartition.of("clicks", 1), 300L, TopicPartition.of("clicks", 2), 100L, TopicPartition.of("clicks", 3), 900L);
    List<TopicHour> hours = List.of(hour("clicks",
        range(1, 200, 300, RangeState.INCOMPLETE, 260), range(2, 80, 100, RangeState.RUNNING, 80),
        range(0, 400, 450, RangeState.LOST, 400)));

    FleetLag lag = FleetLag.measure(List.of("clicks", "views"), kafka, planned, hours, StartPosition.EARLIEST);

    assertThat(lag.of("clicks")).hasValue(new FleetLag.TopicLag("clicks", 250, 60, 4));
    assertThat(lag.of("clicks").orElseThrow().messagesBehind()).isEqualTo(310);
    assertThat(lag.of("views")).hasValue(new FleetLag.TopicLag("views", 60, 0, 1));
    assertThat(lag.notes()).isEmpty();
  }

  @Test
  void theOldestMessageNotLandedIsAskedAtEachPartitionsFirstOffsetNotLandedAndAgedByItsKafkaTime() {
    KafkaOffsetsNow kafka = new KafkaOffsetsNow(List.of(
        offsets("clicks", 0, 0, 500), // planned to 450: first not landed 450
        offsets("clicks", 1, 0, 300), // [200, 300) stopped at 260: first not landed 260, before the planned end
        offsets("clicks", 2, 0, 0), // [0, 10) stopped at 4, but Kafka holds nothing there now: not asked
        offsets("views", 0, 10, 70)), List.of());
    Map<TopicPartition, Long> planned = Map.of(TopicPartition.of("clicks", 0), 450L, TopicPartition.of("clicks", 1), 300L,
        TopicPartition.of("clicks", 2), 10L, TopicPartition.of("views", 0), 70L);
    List<TopicHour> hours = List.of(hour("clicks", range(1, 200, 300, RangeState.INCOMPLETE, 260),
        range(2, 0, 10, RangeState.INCOMPLETE, 4)));
    java.time.Instant now = java.time.Instant.parse("2026-11-20T04:00:00Z");
    Map<TopicPartition, Long> asked = new java.util.HashMap<>();
    MessageTimes times = offsets -> {
      asked.putAll(offsets);
      return Map.of(TopicPartition.of("clicks", 0), List.of(now.minusSeconds(30).toEpochMilli()),
          TopicPartition.of("clicks", 1), List.of(now.minusSeconds(3_600).toEpochMilli()));
    };

    FleetLag lag = FleetLag.measure(List.of("clicks", "views"), kafka, planned, hours, StartPosition.EARLIEST, times,
        PlausibleEventTimes.DEFAULT, now);

    assertThat(asked).as("views is not behind: nothing asked").isEqualTo(Map.of(TopicPartition.of("clicks", 0), 450L,
        TopicPartition.of("clicks", 1), 260L));
    assertThat(lag.of("clicks").orElseThrow().oldestSeconds()).hasValue(3_600);
    assertThat(lag.of("views").orElseThrow().oldestSeconds()).isEmpty();
  }

  @Test
  void aMessageStampedAtZeroOrAYearAheadDoesNotDateTheBacklogTheNextPlausibleOneDoes() {
    java.time.Instant now = java.time.Instant.parse("2026-11-20T04:00:00Z");
    KafkaOffsetsNow kafka = new KafkaOffsetsNow(List.of(offsets("clicks", 0, 0, 500), offsets("clicks", 1, 0, 500),
        offsets("views", 0, 0, 500)), List.of());
    Map<TopicPartition, Long> planned = Map.of(TopicPartition.of("clicks", 0), 400L, TopicPartition.of("clicks", 1), 400L,
        TopicPartition.of("views", 0), 400L);
    long yearAhead = now.plus(java.time.Duration.ofDays(365)).toEpochMilli();
    MessageTimes times = offsets -> Map.of(
        // a stuck partition whose first message a producer stamped a year ahead: still two hours behind
        TopicPartition.of("clicks", 0), List.of(yearAhead, now.minusSeconds(7_200).toEpochMilli()),
        TopicPartition.of("clicks", 1), List.of(now.minusSeconds(60).toEpochMilli()),
        // a caught-up partition but for one message stamped 0: ten minutes, not 56 years
        TopicPartition.of("views", 0), List.of(0L, -1L, now.minusSeconds(600).toEpochMilli()));

    FleetLag lag = FleetLag.measure(List.of("clicks", "views"), kafka, planned, List.of(), StartPosition.EARLIEST, times,
        PlausibleEventTimes.DEFAULT, now);

    assertThat(lag.of("clicks").orElseThrow().oldestSeconds()).hasValue(7_200);
    assertThat(lag.of("views").orElseThrow().oldestSeconds()).hasValue(600);
  }

  @Test
  void aPartitionWhoseFetchedMessagesAllCarryImplausibleTimesHasNoAge() {
    java.time.Instant now = java.time.Instant.parse("2026-11-20T04:00:00Z");
    FleetLag lag = FleetLag.measure(List.of("clicks"), new KafkaOffsetsNow(List.of(offsets("clicks", 0, 0, 500)),
        List.of()), Map.of(TopicPartition.of("clicks", 0), 400L), List.of(), StartPosition.EARLIEST,
        offsets -> Map.of(TopicPartition.of("clicks", 0), List.of(0L, 1_000L)), PlausibleEventTimes.DEFAULT, now);

    assertThat(lag.of("clicks").orElseThrow().oldestSeconds()).isEmpty();
  }

  @Test
  void onlyTheMostBehindPartitionsAreAskedAndAMessageWithoutTimestampGivesNoAge() {
    List<KafkaPartitionOffsets> partitions = new java.util.ArrayList<>();
    Map<TopicPartition, Long> planned = new java.util.HashMap<>();
    for (int p = 0; p < 30; p++) {
      partitions.add(offsets("clicks", p, 0, 1_000 + p));
      planned.put(TopicPartition.of("clicks", p), 1_000L);
    }
    Map<TopicPartition, Long> asked = new java.util.HashMap<>();
    FleetLag lag = FleetLag.measure(List.of("clicks"), new KafkaOffsetsNow(partitions, List.of()), planned, List.of(),
        StartPosition.EARLIEST, offsets -> {
          asked.putAll(offsets);
          return Map.of(TopicPartition.of("clicks", 29), List.of(-1L));
        }, PlausibleEventTimes.DEFAULT, java.time.Instant.parse("2026-11-20T04:00:00Z"));

    assertThat(asked.keySet()).extracting(TopicPartition::partition)
        .containsExactlyInAnyOrder(20, 21, 22, 23, 24, 25, 26, 27, 28, 29);
    assertThat(lag.of("clicks").orElseThrow().oldestSeconds()).isEmpty();
    Map<TopicPartition, Long> mostBehind = new java.util.HashMap<>();
    for (int p = 20; p < 30; p++) {
      mostBehind.put(TopicPartition.of("clicks", p), (long) p);
    }
    assertThat(lag.mostBehind()).as("only the ten partitions most behind, each with its lag").isEqualTo(mostBehind);
  }

  @Test
  void aNewPartitionStartingAtTheLatestOffsetIsNotBehindAndAPlannedEndPastKafkasIsNotNegative() {
    KafkaOffsetsNow kafka = new KafkaOffsetsNow(List.of(offsets("views", 0, 10, 70), offsets("views", 1, 0, 5)),
        List.of());

    FleetLag lag = FleetLag.measure(List.of("views"), kafka, Map.of(TopicPartition.of("views", 1), 9L), List.of(),
        StartPosition.LATEST);

    assertThat(lag.of("views")).hasValue(new FleetLag.TopicLag("views", 0, 0, 0));
  }

  @Test
  void aTopicKafkaDidNotAnswerForWhollyOrInPartHasNoLagAndANoteSaysWhy() {
    KafkaOffsetsNow kafka = new KafkaOffsetsNow(List.of(offsets("clicks", 0, 0, 10)), List.of(
        new TopicUnavailable("views", List.of(), TopicUnavailable.Cause.DOES_NOT_EXIST, ""),
        new TopicUnavailable("clicks", List.of(1), TopicUnavailable.Cause.NO_LEADER, "")));

    FleetLag lag = FleetLag.measure(List.of("clicks", "views"), kafka, Map.of(), List.of(), StartPosition.EARLIEST);

    assertThat(lag.of("views")).isEmpty();
    assertThat(lag.of("clicks")).as("a partition not known is the topic's lag not known, not 0").isEmpty();
    assertThat(lag.mostBehind()).as("nor its partitions'").isEmpty();
    assertThat(lag.notes()).containsExactly("topic views: does not exist in Kafka, so its lag is not known",
        "topic clicks: no leader for partition(s) [1], so its lag is not known");
  }

  @Test
  void everyViewShowsTheLagOrWhyItIsNotKnown() throws Exception {
    FleetLag lag = new FleetLag(Map.of("clicks", new FleetLag.TopicLag("clicks", 20, 6, 2, java.util.OptionalLong.of(95))),
        List.of("topic views: does not exist in Kafka, so its lag is not known"));
    FleetStatus status = new FleetStatus(HOUR, HOUR, new HourPartition(HOUR.start().plusHours(1)), List.of("clicks", "views"), List.of(), Map.of(), lag);

    assertThat(FleetText.render(status, FixCommands.defaults()).lines())
        .anySatisfy(l -> assertThat(l.split("\\s+")).containsExactly("clicks", "0", "0", "0", "0", "0", "1", "26", "95",
            "-", "-"))
        .anySatisfy(l -> assertThat(l.split("\\s+")).containsExactly("views", "0", "0", "0", "0", "0", "1", "?", "?",
            "-", "-"))
        .contains("lag: topic views: does not exist in Kafka, so its lag is not known");
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(FleetJson.render(status, FixCommands.defaults()));
    assertThat(json.path("topics").get(0).path("lag").toString())
        .isEqualTo("{\"messagesBehind\":26,\"notPlanned\":20,\"plannedNotLanded\":6,\"partitionsBehind\":2,"
            + "\"oldestSeconds\":95}");
    assertThat(json.path("topics").get(1).path("lag").isNull()).isTrue();
    assertThat(json.path("lagNotes").get(0).asText()).startsWith("topic views");
    assertThat(FleetPage.render(status, FleetRecords.NOT_READ, FixCommands.defaults(), java.time.Instant.EPOCH))
        .contains("<tr data-topic=\"clicks\"><td>clicks</td><td>26</td><td>20</td><td>6</td><td>2</td><td>95</td></tr>")
        .contains("<p class=\"note\">topic views: does not exist in Kafka, so its lag is not known</p>");
  }

  private static KafkaPartitionOffsets offsets(String topic, int partition, long earliest, long latest) {
    return new KafkaPartitionOffsets(TopicPartition.of(topic, partition), earliest, latest);
  }

  private static TopicHour hour(String topic, RangeRecord... notComplete) {
    return new TopicHour(topic, HOUR, List.of(notComplete), new TreeSet<>(), new TreeSet<LocalDate>());
  }

  private static RangeRecord range(int partition, long begin, long end, RangeState state, long reached) {
    return new RangeRecord(1, HOUR, new KafkaEvent(TopicPartition.of("clicks", partition), new OffsetRange(begin, end)),
        state, reached, reached - begin, 0, "", 1);
  }
}
