package org.kafkaetl.mapreduce.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.mapreduce.kafka.KafkaRangeReader;

@Timeout(20)
class BatchedReadsTest {
  private static final org.apache.kafka.common.TopicPartition TP = new org.apache.kafka.common.TopicPartition("t", 0);
  /** More messages than a batch holds, all returned by one poll. */
  private static final KafkaEvent FIRST = new KafkaEvent(TopicPartition.of("t", 0), new OffsetRange(0, 10_000));
  private static final KafkaEvent SECOND = new KafkaEvent(TopicPartition.of("t", 0), new OffsetRange(10_000, 10_100));

  private MockConsumer<byte[], byte[]> consumer;

  @BeforeEach
  void setUp() {
    consumer = new MockConsumer<>("none");
    consumer.updateBeginningOffsets(Map.of(TP, 0L));
    consumer.updateEndOffsets(Map.of(TP, 20_000L));
  }

  @Test
  void messagesComeInTheOrderReadInBoundedBatchesWithEachRangesEndAfterItsLastMessage() {
    consumer.schedulePollTask(() -> addRecords(0, 10_050));
    consumer.schedulePollTask(() -> addRecords(10_000, 10_100));
    BatchedReads reads = reads(List.of(FIRST, SECOND), Map.of());

    List<BatchedReads.Item> items = takeAll(reads);
    assertThat(offsetsOf(items, FIRST)).containsExactlyElementsOf(offsets(0, 10_000));
    assertThat(offsetsOf(items, SECOND)).containsExactlyElementsOf(offsets(10_000, 10_100));
    assertThat(items).filteredOn(i -> i.item() instanceof ReadItem.RangeEnd).containsExactly(
        new BatchedReads.Item(FIRST, new ReadItem.RangeEnd(10_000, null, List.of())),
        new BatchedReads.Item(SECOND, new ReadItem.RangeEnd(10_100, null, List.of())));
    assertThat(items.indexOf(new BatchedReads.Item(FIRST, new ReadItem.RangeEnd(10_000, null, List.of()))))
        .as("the first range ends after its last messages, before the second's first")
        .isLessThan(items.indexOf(items.stream().filter(i -> i.event().equals(SECOND)).findFirst().orElseThrow()));
    assertThat(items).filteredOn(i -> i.item() instanceof ReadItem.Messages)
        .allSatisfy(i -> assertThat(((ReadItem.Messages) i.item()).messages()).isNotEmpty()
            .hasSizeLessThanOrEqualTo(BatchedReads.BATCH_MESSAGES));
    assertThat(reads.next()).as("after the last event").isNull();
  }

  @Test
  void aResumedEventIsReadFromWhereItsEarlierReadStopped() {
    consumer.schedulePollTask(() -> addRecords(10_040, 10_100));
    assertThat(offsetsOf(takeAll(reads(List.of(SECOND), Map.of(SECOND, 10_040L))), SECOND))
        .containsExactlyElementsOf(offsets(10_040, 10_100));
  }

  /** A slow fetch must not hold back what the fetches before it returned. */
  @Test
  void aBatchEndsWhereThePollsMessagesEnd() {
    consumer.schedulePollTask(() -> addRecords(10_000, 10_001));
    consumer.schedulePollTask(() -> addRecords(10_001, 10_100));
    BatchedReads reads = reads(List.of(SECOND), Map.of());

    assertThat(((ReadItem.Messages) reads.next().item()).messages()).extracting(m -> m.offset())
        .containsExactly(10_000L);
    assertThat(offsetsOf(takeAll(reads), SECOND)).containsExactlyElementsOf(offsets(10_001, 10_100));
  }

  private BatchedReads reads(List<KafkaEvent> events, Map<KafkaEvent, Long> resumeFrom) {
    KafkaRangeReader reader = new KafkaRangeReader(consumer, Clock.systemUTC(), Duration.ofMillis(10),
        Duration.ofSeconds(60));
    return new BatchedReads(reader, events, resumeFrom, Instant.now().plus(Duration.ofMinutes(5)));
  }

  private static List<BatchedReads.Item> takeAll(BatchedReads reads) {
    List<BatchedReads.Item> items = new ArrayList<>();
    for (BatchedReads.Item i = reads.next(); i != null; i = reads.next()) {
      items.add(i);
    }
    return items;
  }

  /** The offsets of {@code event}'s messages among {@code items}, in the order handed over. */
  static List<Long> offsetsOf(List<BatchedReads.Item> items, KafkaEvent event) {
    return items.stream().filter(i -> i.event().equals(event) && i.item() instanceof ReadItem.Messages)
        .flatMap(i -> ((ReadItem.Messages) i.item()).messages().stream()).map(m -> m.offset()).toList();
  }

  private void addRecords(long from, long to) {
    for (long o = from; o < to; o++) {
      consumer.addRecord(new ConsumerRecord<>("t", 0, o, null, ("v" + o).getBytes()));
    }
  }

  static List<Long> offsets(long from, long to) {
    List<Long> offsets = new ArrayList<>();
    for (long o = from; o < to; o++) {
      offsets.add(o);
    }
    return offsets;
  }
}
