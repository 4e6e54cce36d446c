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
  void itemsComeInTheOrderReadWithEachRangesEndAfterItsLastMessage() throws Exception {
    consumer.schedulePollTask(() -> addRecords(0, 10_050));
    consumer.schedulePollTask(() -> addRecords(10_000, 10_100));
    start(List.of(FIRST, SECOND), Map.of());

    List<ReadAhead.Item> items = takeAll();
    assertThat(items).hasSize(10_102);
    for (int i = 0; i < 10_000; i++) {
      assertThat(items.get(i).event()).isEqualTo(FIRST);
      assertThat(((ReadItem.Message) items.get(i).item()).message().offset()).isEqualTo(i);
    }
    assertThat(items.get(10_000)).isEqualTo(new ReadAhead.Item(FIRST, new ReadItem.RangeEnd(10_000, null, List.of())));
    assertThat(items.subList(10_001, 10_101)).extracting(i -> ((ReadItem.Message) i.item()).message().offset())
        .containsExactlyElementsOf(offsets(10_000, 10_100));
    assertThat(items.get(10_101)).isEqualTo(new ReadAhead.Item(SECOND, new ReadItem.RangeEnd(10_100, null, List.of())));
    assertThat(readAhead.next()).as("after the last event").isNull();
  }

  @Test
  void aResumedEventIsReadFromWhereItsEarlierReadStopped() throws Exception {
    consumer.schedulePollTask(() -> addRecords(10_040, 10_100));
    start(List.of(SECOND), Map.of(SECOND, 10_040L));

    List<ReadAhead.Item> items = takeAll();
    assertThat(items.get(0).item()).isInstanceOf(ReadItem.Message.class)
        .extracting(i -> ((ReadItem.Message) i).message().offset()).isEqualTo(10_040L);
    assertThat(items).hasSize(61);
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
