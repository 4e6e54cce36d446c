package org.kafkaetl.mapreduce.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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
class ReadAheadTest {
  private static final org.apache.kafka.common.TopicPartition TP = new org.apache.kafka.common.TopicPartition("t", 0);
  /** More chunks than the queue holds, so the reading thread has to wait for the taker. */
  private static final KafkaEvent FIRST = new KafkaEvent(TopicPartition.of("t", 0), new OffsetRange(0, 10_000));
  private static final KafkaEvent SECOND = new KafkaEvent(TopicPartition.of("t", 0), new OffsetRange(10_000, 10_100));

  private MockConsumer<byte[], byte[]> consumer;
  private ReadAhead readAhead;

  @BeforeEach
  void setUp() {
    consumer = new MockConsumer<>("none");
    consumer.updateBeginningOffsets(Map.of(TP, 0L));
    consumer.updateEndOffsets(Map.of(TP, 20_000L));
  }

  @Test
  void messagesComeInTheOrderReadWithEachRangesEndAfterItsLastMessage() throws Exception {
    consumer.schedulePollTask(() -> addRecords(0, 10_050));
    consumer.schedulePollTask(() -> addRecords(10_000, 10_100));
    start(List.of(FIRST, SECOND), Map.of());

    List<ReadAhead.Item> items = takeAll();
    assertThat(offsetsOf(items, FIRST)).containsExactlyElementsOf(offsets(0, 10_000));
    assertThat(offsetsOf(items, SECOND)).containsExactlyElementsOf(offsets(10_000, 10_100));
    assertThat(items).filteredOn(i -> i.item() instanceof ReadItem.RangeEnd).containsExactly(
        new ReadAhead.Item(FIRST, new ReadItem.RangeEnd(10_000, null, List.of())),
        new ReadAhead.Item(SECOND, new ReadItem.RangeEnd(10_100, null, List.of())));
    assertThat(items.indexOf(new ReadAhead.Item(FIRST, new ReadItem.RangeEnd(10_000, null, List.of()))))
        .as("the first range ends after its last messages, before the second's first")
        .isLessThan(items.indexOf(items.stream().filter(i -> i.event().equals(SECOND)).findFirst().orElseThrow()));
    assertThat(items).filteredOn(i -> i.item() instanceof ReadItem.Messages)
        .allSatisfy(i -> assertThat(((ReadItem.Messages) i.item()).messages()).hasSizeLessThanOrEqualTo(
            ReadAhead.CHUNK_MESSAGES));
    assertThat(readAhead.next()).as("after the last event").isNull();
  }

  @Test
  void aResumedEventIsReadFromWhereItsEarlierReadStopped() throws Exception {
    consumer.schedulePollTask(() -> addRecords(10_040, 10_100));
    start(List.of(SECOND), Map.of(SECOND, 10_040L));

    assertThat(offsetsOf(takeAll(), SECOND)).containsExactlyElementsOf(offsets(10_040, 10_100));
  }

  /** A slow fetch must not hold back what the fetches before it returned. */
  @Test
  void whatAPollReturnedIsHandedOverBeforeTheNextPoll() throws Exception {
    java.util.concurrent.CountDownLatch taken = new java.util.concurrent.CountDownLatch(1);
    consumer.schedulePollTask(() -> addRecords(10_000, 10_001));
    consumer.schedulePollTask(() -> {
      try {
        taken.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      addRecords(10_001, 10_100);
    });
    start(List.of(SECOND), Map.of());

    ReadAhead.Item first = readAhead.next();
    taken.countDown();
    assertThat(((ReadItem.Messages) first.item()).messages()).extracting(m -> m.offset()).containsExactly(10_000L);
    assertThat(offsetsOf(takeAll(), SECOND)).containsExactlyElementsOf(offsets(10_001, 10_100));
  }

  @Test
  void aFailureOfTheReadingThreadIsWhatTheTaskTakesNext() throws Exception {
    consumer.schedulePollTask(() -> addRecords(0, 100));
    consumer.schedulePollTask(() -> {
      throw new IllegalStateException("broken consumer");
    });
    start(List.of(FIRST), Map.of());

    assertThatThrownBy(this::takeAll).isInstanceOf(IOException.class).hasMessageContaining("broken consumer");
  }

  @Test
  void closeStopsAReadingThreadThatWaitsForTheTaker() throws Exception {
    consumer.schedulePollTask(() -> addRecords(0, 10_000));
    start(List.of(FIRST), Map.of());
    readAhead.next();

    readAhead.close();
    assertThat(readAhead.reading()).isFalse();
  }

  private void start(List<KafkaEvent> events, Map<KafkaEvent, Long> resumeFrom) {
    KafkaRangeReader reader = new KafkaRangeReader(consumer, Clock.systemUTC(), Duration.ofMillis(10),
        Duration.ofSeconds(60));
    readAhead = new ReadAhead(reader, events, resumeFrom, Instant.now().plus(Duration.ofMinutes(5)), consumer::wakeup,
        "test");
    readAhead.start();
  }

  private List<ReadAhead.Item> takeAll() throws IOException, InterruptedException {
    List<ReadAhead.Item> items = new ArrayList<>();
    for (ReadAhead.Item i = readAhead.next(); i != null; i = readAhead.next()) {
      items.add(i);
    }
    return items;
  }

  private static List<Long> offsetsOf(List<ReadAhead.Item> items, KafkaEvent event) {
    return items.stream().filter(i -> i.event().equals(event) && i.item() instanceof ReadItem.Messages)
        .flatMap(i -> ((ReadItem.Messages) i.item()).messages().stream()).map(m -> m.offset()).toList();
  }

  private void addRecords(long from, long to) {
    for (long o = from; o < to; o++) {
      consumer.addRecord(new ConsumerRecord<>("t", 0, o, null, ("v" + o).getBytes()));
    }
  }

  private static List<Long> offsets(long from, long to) {
    List<Long> offsets = new ArrayList<>();
    for (long o = from; o < to; o++) {
      offsets.add(o);
    }
    return offsets;
  }
}
