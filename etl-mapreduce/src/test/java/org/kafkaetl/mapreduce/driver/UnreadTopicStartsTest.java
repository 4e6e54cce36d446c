package org.kafkaetl.mapreduce.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.StoredPosition;
import org.kafkaetl.core.plan.KafkaOffsetsNow;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.core.plan.PartitionOffsetsSource;
import org.kafkaetl.core.plan.Planner;
import org.kafkaetl.core.plan.TopicPolicy;
import org.kafkaetl.core.plan.TopicUnavailable;

/**
 * A topic matched before its first producer registered its subject is not read by the run that first
 * sees it; where it starts is recorded all the same, so what arrives before the next run is read.
 */
class UnreadTopicStartsTest {
  private static final TopicPartition NEW0 = TopicPartition.of("orders", 0);
  private static final TopicPartition NEW1 = TopicPartition.of("orders", 1);
  private static final TopicUnavailable NO_SUBJECT = new TopicUnavailable("orders", List.of(),
      TopicUnavailable.Cause.NO_READER_SCHEMA, "no subject orders-value");

  private final List<Map<TopicPartition, Long>> recorded = new ArrayList<>();
  private final List<Collection<String>> askedKafka = new ArrayList<>();
  /** etl.new.partition.start=latest: the case where a start not recorded skips records for good. */
  private final Planner latest = new Planner(Map.of("orders", new TopicPolicy("orders", OptionalLong.empty(), 1.0),
      "known", new TopicPolicy("known", OptionalLong.empty(), 1.0)), false, 4);

  @Test
  void aNewTopicLeftUnreadStartsWhereKafkaStoodWhenFirstSeen() {
    Map<TopicPartition, Long> starts = new UnreadTopicStarts(store(Map.of()), kafka())
        .record(new KafkaOffsetsNow(List.of(), List.of(NO_SUBJECT)), latest);

    assertThat(starts).containsExactlyInAnyOrderEntriesOf(Map.of(NEW0, 0L, NEW1, 7L));
    assertThat(recorded).containsExactly(starts);
    assertThat(askedKafka).containsExactly(List.of("orders"));
  }

  @Test
  void aKnownTopicLeftUnreadOrATopicKafkaCannotAnswerForRecordsNothing() {
    new UnreadTopicStarts(store(Map.of(NEW0, new StoredPosition(40, "id"))), kafka())
        .record(new KafkaOffsetsNow(List.of(), List.of(NO_SUBJECT)), latest);
    new UnreadTopicStarts(store(Map.of()), kafka()).record(new KafkaOffsetsNow(List.of(), List.of(
        new TopicUnavailable("known", List.of(), TopicUnavailable.Cause.NO_LEADER, "leader down"))), latest);

    assertThat(recorded).isEmpty();
    assertThat(askedKafka).isEmpty();
  }

  @Test
  void kafkaFailingHereIsAWarningNotAFailedRun() {
    PartitionOffsetsSource down = new PartitionOffsetsSource() {
      @Override
      public List<KafkaPartitionOffsets> offsets(Collection<String> topics) {
        throw new org.kafkaetl.core.RetriableException("Kafka went away", new java.io.IOException("reset"));
      }

      @Override
      public void close() {}
    };
    assertThat(new UnreadTopicStarts(store(Map.of()), down).record(new KafkaOffsetsNow(List.of(), List.of(NO_SUBJECT)),
        latest)).isEmpty();
    assertThat(recorded).isEmpty();
  }

  private PartitionOffsetsSource kafka() {
    return new PartitionOffsetsSource() {
      @Override
      public List<KafkaPartitionOffsets> offsets(Collection<String> topics) {
        askedKafka.add(List.copyOf(topics));
        return List.of(new KafkaPartitionOffsets(NEW0, 0, 0, "orders-id"), new KafkaPartitionOffsets(NEW1, 3, 7,
            "orders-id"));
      }

      @Override
      public void close() {}
    };
  }

  @SuppressWarnings("unchecked")
  private OffsetStore store(Map<TopicPartition, StoredPosition> positions) {
    return (OffsetStore) Proxy.newProxyInstance(OffsetStore.class.getClassLoader(), new Class<?>[] {OffsetStore.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "positions" -> positions;
          case "recordStarts" -> {
            recorded.add((Map<TopicPartition, Long>) args[0]);
            yield null;
          }
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
