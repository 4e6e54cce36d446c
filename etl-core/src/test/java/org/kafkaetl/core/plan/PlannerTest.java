package org.kafkaetl.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.StoredPosition;
import org.kafkaetl.core.plan.PlanNotice.Kind;

class PlannerTest {
  private static final TopicPartition A0 = TopicPartition.of("a", 0);
  private static final TopicPartition A1 = TopicPartition.of("a", 1);
  private static final TopicPartition A2 = TopicPartition.of("a", 2);

  private final Planner planner = new Planner(
      Map.of("a", new TopicPolicy("a", OptionalLong.of(100), 1.0)), true, 4);

  @Test
  void continuesWhereThePreviousRangeEnded() {
    RunPlan plan = planner.plan(Map.of(A0, 50L), List.of(new KafkaPartitionOffsets(A0, 0, 120)));
    assertThat(plan.events()).containsExactly(new KafkaEvent(A0, new OffsetRange(50, 120)));
    assertThat(plan.notices()).isEmpty();
  }

  @Test
  void splitsHotPartitionsIntoTilingEvents() {
    RunPlan plan = planner.plan(Map.of(A0, 0L), List.of(new KafkaPartitionOffsets(A0, 0, 1000)));
    assertThat(plan.events()).hasSize(10);
    SplitRuleTest.assertTiles(plan.events().stream().map(KafkaEvent::range).toList(), 0, 1000);
    assertThat(plan.assignments()).hasSize(4);
  }

  @Test
  void newPartitionStartsAtConfiguredPositionAndIsReported() {
    RunPlan fromEarliest = planner.plan(Map.of(), List.of(new KafkaPartitionOffsets(A1, 10, 30)));
    assertThat(fromEarliest.events()).containsExactly(new KafkaEvent(A1, new OffsetRange(10, 30)));
    assertThat(fromEarliest.notices()).extracting(PlanNotice::kind).containsExactly(Kind.NEW_PARTITION);

    Planner latest = new Planner(Map.of("a", new TopicPolicy("a", OptionalLong.empty(), 1.0)), false, 4);
    RunPlan fromLatest = latest.plan(Map.of(), List.of(new KafkaPartitionOffsets(A1, 10, 30)));
    assertThat(fromLatest.events()).isEmpty();
    assertThat(fromLatest.starts()).as("stored, so the next run reads from offset 30").containsEntry(A1, 30L);
    assertThat(fromEarliest.starts()).containsEntry(A1, 10L);
    assertThat(fromLatest.notices()).extracting(PlanNotice::kind).containsExactly(Kind.NEW_PARTITION);
  }

  @Test
  void aPartitionAddedToAKnownTopicStartsAtEarliestEvenWhenNewPartitionsStartAtLatest() {
    Planner latest = new Planner(Map.of("a", new TopicPolicy("a", OptionalLong.empty(), 1.0)), false, 4);
    RunPlan plan = latest.plan(Map.of(A0, 40L), List.of(
        new KafkaPartitionOffsets(A0, 0, 50), new KafkaPartitionOffsets(A1, 0, 30)));
    assertThat(plan.events()).as("the added partition's records arrived after the topic was first read")
        .containsExactly(new KafkaEvent(A0, new OffsetRange(40, 50)), new KafkaEvent(A1, new OffsetRange(0, 30)));
    assertThat(plan.starts()).containsExactly(java.util.Map.entry(A1, 0L));
    assertThat(plan.notices()).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Kind.NEW_PARTITION);
      assertThat(n.message()).contains("earliest").contains("partition added to a topic already read");
    });
  }

  @Test
  void aTopicNeverSeenStartsAtLatestWhenConfiguredSoWhileOtherTopicsAreKnown() {
    TopicPartition b0 = TopicPartition.of("b", 0);
    Planner latest = new Planner(Map.of(
        "a", new TopicPolicy("a", OptionalLong.empty(), 1.0), "b", new TopicPolicy("b", OptionalLong.empty(), 1.0)),
        false, 4);
    RunPlan plan = latest.plan(Map.of(A0, 50L), List.of(
        new KafkaPartitionOffsets(A0, 0, 50), new KafkaPartitionOffsets(b0, 10, 30)));
    assertThat(plan.events()).isEmpty();
    assertThat(plan.starts()).containsExactly(java.util.Map.entry(b0, 30L));
  }

  @Test
  void vanishedPartitionIsReportedAndNotPlanned() {
    RunPlan plan = planner.plan(Map.of(A0, 5L, A2, 9L), List.of(new KafkaPartitionOffsets(A0, 0, 5)));
    assertThat(plan.events()).isEmpty();
    assertThat(plan.notices()).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Kind.VANISHED_PARTITION);
      assertThat(n.partition()).isEqualTo(A2);
    });
  }

  @Test
  void offsetsDeletedBeforeReadingBecomeALostRangeAndTilingHolds() {
    RunPlan plan = planner.plan(Map.of(A0, 40L), List.of(new KafkaPartitionOffsets(A0, 60, 90)));
    assertThat(plan.lostRanges()).containsExactly(new KafkaEvent(A0, new OffsetRange(40, 60)));
    assertThat(plan.events()).containsExactly(new KafkaEvent(A0, new OffsetRange(60, 90)));
    assertThat(plan.notices()).extracting(PlanNotice::kind).containsExactly(Kind.DATA_DELETED_BEFORE_READ);
  }

  @Test
  void offsetsGoingBackwardsPlanNothing() {
    RunPlan plan = planner.plan(Map.of(A0, 500L), List.of(new KafkaPartitionOffsets(A0, 0, 20)));
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.notices()).extracting(PlanNotice::kind).containsExactly(Kind.OFFSETS_WENT_BACKWARDS);
  }

  @Test
  void nothingNewPlansNothing() {
    assertThat(planner.plan(Map.of(A0, 20L), List.of(new KafkaPartitionOffsets(A0, 0, 20))).isEmpty()).isTrue();
  }

  @Test
  void unknownTopicIsRejected() {
    assertThatThrownBy(() -> planner.plan(Map.of(), List.of(new KafkaPartitionOffsets(TopicPartition.of("b", 0), 0, 1))))
        .hasMessageContaining("b");
  }

  /**
   * Partition 0's leader is down when partition 1 is added: with {@code etl.new.partition.start=latest}
   * the topic is still one already read, so partition 1 starts at its earliest offset.
   */
  @Test
  void aPartitionAddedWhileTheTopicsKnownPartitionsCannotBeAnsweredForStartsAtEarliest() {
    Planner latest = new Planner(Map.of("a", new TopicPolicy("a", OptionalLong.empty(), 1.0)), false, 4);
    KafkaOffsetsNow kafka = new KafkaOffsetsNow(List.of(new KafkaPartitionOffsets(A1, 0, 30, "the-id")),
        List.of(new TopicUnavailable("a", List.of(0), TopicUnavailable.Cause.NO_LEADER, "leader down")));

    RunPlan plan = latest.planReadable(Map.of(A0, new StoredPosition(50, "the-id")), kafka);

    assertThat(plan.events()).containsExactly(new KafkaEvent(A1, new OffsetRange(0, 30)));
    assertThat(plan.starts()).containsExactly(Map.entry(A1, 0L));
    assertThat(plan.notices()).as("partition 0 is unanswered, not vanished").singleElement()
        .satisfies(n -> assertThat(n.message()).contains("partition added to a topic already read"));
  }

  @Test
  void aRecreatedTopicIsPlannedFromTheNewIncarnationsEarliestOffset() {
    RunPlan fewer = planner.planPositions(Map.of(A0, new StoredPosition(50, "old-id")),
        List.of(new KafkaPartitionOffsets(A0, 0, 30, "new-id")));
    assertThat(fewer.events()).as("offsets restart: [0, 30) is new data, not data already read")
        .containsExactly(new KafkaEvent(A0, new OffsetRange(0, 30)));
    assertThat(fewer.starts()).as("where the new incarnation starts").containsExactly(Map.entry(A0, 0L));
    assertThat(fewer.notices()).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Kind.TOPIC_RECREATED);
      assertThat(n.message()).contains("old-id -> new-id");
    });
    assertThat(fewer.topicIds()).containsExactly(Map.entry("a", "new-id"));

    RunPlan more = planner.planPositions(Map.of(A0, new StoredPosition(50, "old-id")),
        List.of(new KafkaPartitionOffsets(A0, 0, 80, "new-id")));
    assertThat(more.events()).as("not only the offsets past the old incarnation's end")
        .containsExactly(new KafkaEvent(A0, new OffsetRange(0, 80)));
    assertThat(more.lostRanges()).isEmpty();
  }

  @Test
  void whatRetentionTookOfANewIncarnationBeforeItsFirstReadIsLost() {
    RunPlan plan = planner.planPositions(Map.of(A0, new StoredPosition(50, "old-id")),
        List.of(new KafkaPartitionOffsets(A0, 12, 30, "new-id")));
    assertThat(plan.lostRanges()).containsExactly(new KafkaEvent(A0, new OffsetRange(0, 12)));
    assertThat(plan.events()).containsExactly(new KafkaEvent(A0, new OffsetRange(12, 30)));
    assertThat(plan.starts()).containsExactly(Map.entry(A0, 0L));
  }

  @Test
  void aTopicWithoutStoredIdWhoseOffsetsWentBackwardsDoesNotAdoptKafkasId() {
    RunPlan plan = planner.planPositions(Map.of(A0, new StoredPosition(50, null)),
        List.of(new KafkaPartitionOffsets(A0, 0, 20, "maybe-a-new-id")));
    assertThat(plan.notices()).extracting(n -> n.kind()).containsExactly(Kind.OFFSETS_WENT_BACKWARDS);
    assertThat(plan.adoptedIds()).as("a recreation before ids were stored stays visible").isEmpty();
  }

  @Test
  void aPartitionStoredWithoutTopicIdAdoptsKafkasSilently() {
    RunPlan plan = planner.planPositions(Map.of(A0, new StoredPosition(50, null)),
        List.of(new KafkaPartitionOffsets(A0, 0, 80, "the-id")));
    assertThat(plan.events()).containsExactly(new KafkaEvent(A0, new OffsetRange(50, 80)));
    assertThat(plan.notices()).isEmpty();
    assertThat(plan.starts()).isEmpty();
    assertThat(plan.adoptedIds()).containsExactly(Map.entry("a", "the-id"));

    RunPlan known = planner.planPositions(Map.of(A0, new StoredPosition(80, "the-id")),
        List.of(new KafkaPartitionOffsets(A0, 0, 90, "the-id")));
    assertThat(known.adoptedIds()).isEmpty();
    assertThat(known.events()).containsExactly(new KafkaEvent(A0, new OffsetRange(80, 90)));
  }

  @Test
  void offsetsGoingBackwardsUnderTheSameTopicIdAreStillOnlyReported() {
    RunPlan plan = planner.planPositions(Map.of(A0, new StoredPosition(50, "the-id")),
        List.of(new KafkaPartitionOffsets(A0, 0, 30, "the-id")));
    assertThat(plan.events()).isEmpty();
    assertThat(plan.lostRanges()).isEmpty();
    assertThat(plan.starts()).isEmpty();
    assertThat(plan.notices()).extracting(PlanNotice::kind).containsExactly(Kind.OFFSETS_WENT_BACKWARDS);
  }
}
