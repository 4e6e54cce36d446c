package org.kafkaetl.mapreduce.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kafkaetl.mapreduce.job.BatchedReadsTest.offsets;
import static org.kafkaetl.mapreduce.job.BatchedReadsTest.offsetsOf;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.mapreduce.kafka.KafkaRangeReader;

/**
 * {@link ReadAhead} on its own: order, resumed reads, hand-over per poll, and closing while the
 * reading thread waits for the mapper or is blocked in a poll. {@link ReadAheadSameItemsTest}
 * compares it with {@link BatchedReads} item by item.
 */
@Timeout(20)
class ReadAheadTest {
  private static final org.apache.kafka.common.TopicPartition TP = new org.apache.kafka.common.TopicPartition("t", 0);
  /** Ten batches: more than the queue holds, so the reading thread has to wait for the mapper. */
  private static final KafkaEvent FIRST = new KafkaEvent(TopicPartition.of("t", 0), new OffsetRange(0, 10_000));
  private static final KafkaEvent SECOND = new KafkaEvent(TopicPartition.of("t", 0), new OffsetRange(10_000, 10_100));

  private final BlockingPolls consumer = new BlockingPolls();
  private final AtomicInteger wakeUps = new AtomicInteger();
  private ReadAhead readAhead;

  @AfterEach
  void tearDown() {
    if (readAhead != null) {
      readAhead.close();
    }
  }

  @Test
  void itemsComeInTheOrderReadWithEachRangesEndAfterItsLastBatch() throws Exception {
    consumer.schedulePollTask(() -> addRecords(0, 10_050));
    consumer.schedulePollTask(() -> addRecords(10_000, 10_100));
    start(List.of(FIRST, SECOND), Map.of());
    assertThat(readAhead.reading()).as("reading starts with the mapper's first item").isFalse();

    List<BatchedReads.Item> items = takeAll();
    assertThat(offsetsOf(items, FIRST)).containsExactlyElementsOf(offsets(0, 10_000));
    assertThat(offsetsOf(items, SECOND)).containsExactlyElementsOf(offsets(10_000, 10_100));
    assertThat(items.get(items.size() - 1)).isEqualTo(
        new BatchedReads.Item(SECOND, new ReadItem.RangeEnd(10_100, null, List.of())));
    int firstEnd = items.indexOf(new BatchedReads.Item(FIRST, new ReadItem.RangeEnd(10_000, null, List.of())));
    assertThat(items.subList(0, firstEnd)).as("all of the first range's batches before its end")
        .allSatisfy(i -> assertThat(i.event()).isEqualTo(FIRST)).hasSize(10);
    assertThat(items).filteredOn(i -> i.item() instanceof ReadItem.Messages)
        .allSatisfy(i -> assertThat(((ReadItem.Messages) i.item()).messages()).isNotEmpty()
            .hasSizeLessThanOrEqualTo(BatchedReads.BATCH_MESSAGES));
    assertThat(readAhead.next()).as("after the last event").isNull();

    readAhead.close();
    assertThat(readAhead.reading()).isFalse();
    assertThat(wakeUps).as("a reader done with Kafka is not woken: the consumer is closed next").hasValue(0);
  }

  @Test
  void aResumedEventIsReadFromWhereItsEarlierReadStopped() throws Exception {
    consumer.schedulePollTask(() -> addRecords(10_040, 10_100));
    start(List.of(SECOND), Map.of(SECOND, 10_040L));

    assertThat(offsetsOf(takeAll(), SECOND)).containsExactlyElementsOf(offsets(10_040, 10_100));
  }

  @Test
  void aSplitWithoutEventsEndsAtOnce() throws Exception {
    start(List.of(), Map.of());
    assertThat(readAhead.next()).isNull();
    assertThat(readAhead.next()).isNull();
  }

  /** A slow fetch must not hold back what the fetches before it returned. */
  @Test
  void whatAPollReturnedIsHandedOverBeforeTheNextPoll() throws Exception {
    CountDownLatch taken = new CountDownLatch(1);
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

    BatchedReads.Item first = readAhead.next();
    taken.countDown();
    assertThat(((ReadItem.Messages) first.item()).messages()).extracting(m -> m.offset()).containsExactly(10_000L);
    assertThat(offsetsOf(takeAll(), SECOND)).containsExactlyElementsOf(offsets(10_001, 10_100));
  }

  /**
   * A mapper may keep the reading thread waiting for room longer than the stall timeout (finishing a
   * range with many event dates, carrying an earlier read over): that is no stall of Kafka's.
   */
  @Test
  void aMapperSlowerThanTheStallTimeoutDoesNotEndTheRangeAsStalled() throws Exception {
    ReadAheadSameItemsTest.SettableClock clock = new ReadAheadSameItemsTest.SettableClock();
    consumer.schedulePollTask(() -> addRecords(0, 6_000));
    consumer.schedulePollTask(() -> addRecords(6_000, 10_000));
    start(List.of(FIRST), Map.of(), clock, Duration.ofMinutes(2));
    List<BatchedReads.Item> items = new ArrayList<>(List.of(readAhead.next()));
    while (!readingThreadWaitsForRoom()) {
      Thread.sleep(5);
    }

    clock.advance(Duration.ofMinutes(3));
    items.addAll(takeAll());
    assertThat(offsetsOf(items, FIRST)).containsExactlyElementsOf(offsets(0, 10_000));
    assertThat(items.get(items.size() - 1).item()).isEqualTo(new ReadItem.RangeEnd(10_000, null, List.of()));
  }

  /** As a mapper that fails part way does: it stops taking, and the task closes its reader. */
  @Test
  void closeStopsAReadingThreadThatWaitsForTheMapperToTake() throws Exception {
    consumer.schedulePollTask(() -> addRecords(0, 10_000));
    start(List.of(FIRST), Map.of());
    readAhead.next();

    readAhead.close();
    assertThat(readAhead.reading()).isFalse();
    assertThatThrownBy(readAhead::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  /**
   * A poll blocks until something arrives or its timeout; close must not wait for that. This
   * consumer's blocked poll ignores interrupts, so only the wake-up can end it.
   */
  @Test
  void closeWakesAReadingThreadBlockedInAPoll() throws Exception {
    consumer.schedulePollTask(() -> addRecords(0, 10));
    consumer.blockAfter(1);
    start(List.of(FIRST), Map.of());
    assertThat(offsetsOf(List.of(readAhead.next()), FIRST)).containsExactlyElementsOf(offsets(0, 10));
    consumer.blocked.await();

    readAhead.close();
    assertThat(readAhead.reading()).isFalse();
    assertThat(wakeUps).hasValue(1);
    assertThatThrownBy(readAhead::next).as("the range end the wake-up made is not handed over")
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  private void start(List<KafkaEvent> events, Map<KafkaEvent, Long> resumeFrom) {
    start(events, resumeFrom, Clock.systemUTC(), Duration.ofMinutes(10));
  }

  private void start(List<KafkaEvent> events, Map<KafkaEvent, Long> resumeFrom, Clock clock, Duration stall) {
    consumer.updateBeginningOffsets(Map.of(TP, 0L));
    // the poll timeout is long so that a poll which gets nothing blocks, as a real one does
    KafkaRangeReader reader = new KafkaRangeReader(consumer, clock, Duration.ofMinutes(10), stall);
    BatchedReads reads = new BatchedReads(reader, events, resumeFrom, clock.instant().plus(Duration.ofHours(1)));
    readAhead = new ReadAhead(reads, () -> {
      wakeUps.incrementAndGet();
      consumer.wakeup();
    }, "test");
  }

  private boolean readingThreadWaitsForRoom() {
    return readAhead.waiting() == ReadAhead.QUEUED_ITEMS && Thread.getAllStackTraces().entrySet().stream()
        .anyMatch(e -> e.getKey().getName().equals("kafka-etl read-ahead test") && e.getKey().isAlive()
            && e.getKey().getState() == Thread.State.WAITING
            && java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName().equals("put")));
  }

  private List<BatchedReads.Item> takeAll() throws InterruptedException {
    List<BatchedReads.Item> items = new ArrayList<>();
    for (BatchedReads.Item i = readAhead.next(); i != null; i = readAhead.next()) {
      items.add(i);
    }
    return items;
  }

  private void addRecords(long from, long to) {
    for (long o = from; o < to; o++) {
      consumer.addRecord(new ConsumerRecord<>("t", 0, o, null, ("v" + o).getBytes()));
    }
  }


  /**
   * A mock consumer whose polls, once told, block as a real consumer's do while the broker sends
   * nothing, until {@link #wakeup} (interrupts do not end them).
   */
  private static final class BlockingPolls extends MockConsumer<byte[], byte[]> {
    final CountDownLatch blocked = new CountDownLatch(1);
    private final Semaphore woken = new Semaphore(0);
    private volatile int freePolls = Integer.MAX_VALUE;

    BlockingPolls() {
      super("none");
    }

    void blockAfter(int polls) {
      freePolls = polls;
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
      if (freePolls-- > 0) {
        return super.poll(timeout);
      }
      blocked.countDown();
      woken.acquireUninterruptibly();
      throw new WakeupException();
    }

    @Override
    public void wakeup() {
      woken.release();
    }
  }
}
