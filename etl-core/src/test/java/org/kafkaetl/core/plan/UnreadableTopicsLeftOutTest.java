package org.kafkaetl.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.kafkaetl.core.TopicPartition;
import org.junit.jupiter.api.Test;

class UnreadableTopicsLeftOutTest {
  private static final TopicUnavailable CLICKS = new TopicUnavailable("clicks", List.of(),
      TopicUnavailable.Cause.SCHEMA_REGISTRY, "registry down");

  private final List<Collection<String>> asked = new ArrayList<>();
  private final PartitionOffsetsSource kafka = new PartitionOffsetsSource() {
    @Override
    public List<KafkaPartitionOffsets> offsets(Collection<String> topics) {
      asked.add(List.copyOf(topics));
      return topics.stream().map(t -> new KafkaPartitionOffsets(TopicPartition.of(t, 0), 0, 10)).toList();
    }

    @Override
    public void close() {}
  };

  @Test
  void kafkaIsAskedOnlyAboutTheReadableTopicsAndTheOthersAreReportedNotRead() {
    KafkaOffsetsNow now = new UnreadableTopicsLeftOut(kafka, List.of(CLICKS)).read(List.of("clicks", "logs"));

    assertThat(asked).containsExactly(List.of("logs"));
    assertThat(now.partitions()).extracting(p -> p.partition().topic()).containsExactly("logs");
    assertThat(now.unavailable()).containsExactly(CLICKS);
    assertThat(now.blocksEveryRead(TopicPartition.of("clicks", 3))).as("its earlier ranges wait too").isTrue();
    assertThat(now.blocksEveryRead(TopicPartition.of("logs", 0))).isFalse();
  }

  @Test
  void everyTopicIsKafkaItselfAndTheUnreadableTopicsAreKnownBeforeAsking() {
    UnreadableTopicsLeftOut source = new UnreadableTopicsLeftOut(kafka, List.of(CLICKS));
    assertThat(source.everyTopic()).as("a dead run's recreated topic is looked for in every topic").isSameAs(kafka);
    assertThat(source.unreadable()).containsExactly(CLICKS);
    assertThat(kafka.unreadable()).isEmpty();
    assertThat(kafka.everyTopic()).isSameAs(kafka);
  }

  @Test
  void onlyUnreadableTopicsPlanNothingWithoutAskingKafka() {
    KafkaOffsetsNow now = new UnreadableTopicsLeftOut(kafka, List.of(CLICKS)).read(List.of("clicks"));

    assertThat(asked).isEmpty();
    assertThat(now.partitions()).isEmpty();
    assertThat(now.unavailable()).containsExactly(CLICKS);
  }

  @Test
  void aTopicKafkaCannotAnswerForStillHasItsEarlierRangesRetried() {
    KafkaOffsetsNow now = new KafkaOffsetsNow(List.of(), List.of(new TopicUnavailable("logs", List.of(1),
        TopicUnavailable.Cause.NO_LEADER, "no leader")));

    assertThat(now.isUnavailable(TopicPartition.of("logs", 1))).isTrue();
    assertThat(now.blocksEveryRead(TopicPartition.of("logs", 1))).as("a retry meets the problem itself").isFalse();
  }
}
