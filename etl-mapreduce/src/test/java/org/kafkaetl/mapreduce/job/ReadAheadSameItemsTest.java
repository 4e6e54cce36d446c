package org.kafkaetl.mapreduce.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.decode.KafkaMessage;
import org.kafkaetl.mapreduce.kafka.KafkaRangeReader;

/**
 * The same split read twice from the same script of polls: through {@link BatchedReads} on the
 * test's thread, as a map task reads without etl.read.ahead, and through {@link ReadAhead}. The
 * mapper must be handed the same items in the same order (the same batches, each range's end after
 * its last batch, with the same reached offset, stop reason and lost offsets) and, where reading
 * fails, the same items before the same failure.
 */
@Timeout(60)
class ReadAheadSameItemsTest {
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration STALL = Duration.ofMinutes(2);
  private static final Instant DEADLINE = START.plus(Duration.ofMinutes(30));
  /** Batches bounded by count and by poll. */
  private static final KafkaEvent A = event(0, 0, 3_000);
  /** Resumed from 100; 300 kB messages, so batches bounded by bytes. */
  private static final KafkaEvent B = event(1, 0, 140);
  /** Kafka deleted [0, 50) before it was read. */
  private static final KafkaEvent C = event(2, 0, 200);
  /** Kafka fails after 300 messages (or the consumer throws, see below). */
  private static final KafkaEvent D = event(3, 0, 1_000);
  /** Nothing moves after 10 messages: the stall timeout. */
  private static final KafkaEvent E = event(4, 0, 1_000);
  /** The split's deadline passes after 100 messages. */
  private static final KafkaEvent F = event(5, 0, 1_000);
  private static final List<KafkaEvent> SPLIT = List.of(A, B, C, D, E, F);

  @Test
  void rangesEndedByEveryStopReasonGiveTheSameItems() throws Exception {
    List<BatchedReads.Item> oneThread = new ArrayList<>();
    assertThat(readOnOneThread(new Script(null), oneThread)).isNull();
    List<BatchedReads.Item> ahead = new ArrayList<>();
    assertThat(readAhead(new Script(null), ahead, false)).isNull();
    List<BatchedReads.Item> aheadOfASlowMapper = new ArrayList<>();
    assertThat(readAhead(new Script(null), aheadOfASlowMapper, true)).isNull();

    assertThat(shapes(ahead)).isEqualTo(shapes(oneThread));
    assertThat(shapes(aheadOfASlowMapper)).isEqualTo(shapes(oneThread));
    assertThat(oneThread).as("the script reaches every way a range ends")
        .filteredOn(i -> i.item() instanceof ReadItem.RangeEnd).extracting(BatchedReads.Item::item).containsExactly(
            new ReadItem.RangeEnd(3_000, null, List.of()),
            new ReadItem.RangeEnd(140, null, List.of()),
            new ReadItem.RangeEnd(200, null, List.of(new OffsetRange(0, 50))),
            new ReadItem.RangeEnd(300, "Kafka error at offset 300: " + new KafkaException("broker gone"), List.of()),
            new ReadItem.RangeEnd(10, "no progress for 120 s at offset 10 (broker down or partition unavailable?)",
                List.of()),
            new ReadItem.RangeEnd(100, "max pull time reached at offset 100", List.of()));
    assertThat(batchSizes(oneThread, A)).containsExactly(1024, 1024, 452, 500);
    assertThat(batchSizes(oneThread, B)).containsExactly(4, 4, 4, 4, 4, 4, 4, 4, 4, 4);
  }

  @Test
  void whatTheConsumerThrowsMidRangeReachesTheMapperAfterWhatWasReadBeforeIt() throws Exception {
    List<BatchedReads.Item> oneThread = new ArrayList<>();
    RuntimeException thrownOnOneThread = (RuntimeException) readOnOneThread(
        new Script(new IllegalStateException("consumer broken")), oneThread);
    List<BatchedReads.Item> ahead = new ArrayList<>();
    IllegalStateException broken = new IllegalStateException("consumer broken");
    Throwable thrownAhead = readAhead(new Script(broken), ahead, true);

    assertThat(thrownOnOneThread).isInstanceOf(IllegalStateException.class).hasMessage("consumer broken");
    assertThat(thrownAhead).as("the very exception, not a wrapper").isSameAs(broken);
    assertThat(shapes(ahead)).isEqualTo(shapes(oneThread));
    assertThat(ahead.get(ahead.size() - 1)).as("D's first batch was read, and D has no end")
        .satisfies(i -> assertThat(i.event()).isEqualTo(D))
        .satisfies(i -> assertThat(i.item()).isInstanceOf(ReadItem.Messages.class));
  }

  @Test
  void anErrorOnTheReadingThreadReachesTheMapperUnchanged() throws Exception {
    LinkageError broken = new LinkageError("class gone");
    List<BatchedReads.Item> ahead = new ArrayList<>();
    assertThat(readAhead(new Script(broken), ahead, true)).isSameAs(broken);
    List<BatchedReads.Item> oneThread = new ArrayList<>();
    readOnOneThread(new Script(new LinkageError("class gone")), oneThread);
    assertThat(shapes(ahead)).isEqualTo(shapes(oneThread));
  }

  /** Reads {@code into} until the end; returns what reading threw, or null. */
  private static Throwable readOnOneThread(Script script, List<BatchedReads.Item> into) {
    BatchedReads reads = script.reads();
    try {
      for (BatchedReads.Item i = reads.next(); i != null; i = reads.next()) {
        into.add(i);
      }
      return null;
    } catch (RuntimeException | Error e) {
      return e;
    }
  }

  /**
   * The same through a read-ahead; a failure must also be what every later call throws. A slow
   * mapper takes each item only once the queue is full (or the reading thread has ended), so the
   * reading thread keeps waiting for room.
   */
  private static Throwable readAhead(Script script, List<BatchedReads.Item> into, boolean slowMapper)
      throws InterruptedException {
    ReadAhead ahead = new ReadAhead(script.reads(), script.consumer::wakeup, "test");
    try {
      for (BatchedReads.Item i = ahead.next(); i != null; i = ahead.next()) {
        into.add(i);
        while (slowMapper && ahead.waiting() < ReadAhead.QUEUED_ITEMS && ahead.reading()) {
          Thread.sleep(1);
        }
      }
      assertThat(ahead.next()).as("after the end").isNull();
      return null;
    } catch (RuntimeException | Error e) {
      assertThatThrownBy(ahead::next).as("again, never an end").isSameAs(e);
      return e;
    } finally {
      ahead.close();
      assertThat(ahead.reading()).isFalse();
    }
  }

  /**
   * A consumer and clock that play one script of polls to whoever reads them; {@code failure}, if
   * given, is what the consumer throws in D's second poll instead of Kafka's error.
   */
  private static final class Script {
    final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("none");
    final SettableClock clock = new SettableClock();

    Script(Throwable failure) {
      Map<org.apache.kafka.common.TopicPartition, Long> beginnings = new HashMap<>();
      SPLIT.forEach(e -> beginnings.put(tp(e), 0L));
      consumer.updateBeginningOffsets(beginnings);
      poll(() -> add(A, 0, 2_500, 10));
      poll(() -> add(A, 2_500, 3_100, 10));
      poll(() -> add(B, 100, 140, 300_000));
      poll(() -> {
        consumer.updateBeginningOffsets(Map.of(tp(C), 50L));
        add(C, 50, 200, 10);
        consumer.setPollException(new OffsetOutOfRangeException("deleted", Map.of(tp(C), 0L)));
      });
      poll(() -> { });
      poll(() -> add(D, 0, 300, 10));
      poll(() -> {
        if (failure instanceof RuntimeException e) {
          throw e;
        } else if (failure instanceof Error e) {
          throw e;
        }
        consumer.setPollException(new KafkaException("broker gone"));
      });
      poll(() -> add(E, 0, 10, 10));
      poll(() -> clock.advance(STALL.plusMinutes(1)));
      poll(() -> add(F, 0, 100, 10));
      poll(() -> clock.advance(Duration.ofHours(1)));
    }

    BatchedReads reads() {
      return new BatchedReads(new KafkaRangeReader(consumer, clock, Duration.ofSeconds(1), STALL), SPLIT,
          Map.of(B, 100L), DEADLINE);
    }

    private void poll(Runnable task) {
      consumer.schedulePollTask(task);
    }

    private void add(KafkaEvent event, long from, long to, int valueBytes) {
      for (long o = from; o < to; o++) {
        byte[] value = new byte[valueBytes];
        Arrays.fill(value, (byte) o);
        consumer.addRecord(new ConsumerRecord<>(event.topic(), event.partition().partition(), o, 1_000 + o,
            org.apache.kafka.common.record.TimestampType.CREATE_TIME, 8, valueBytes, ("k" + o).getBytes(), value,
            new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty()));
      }
    }
  }

  /** Items as comparable values: a batch as the event and each message's coordinates and content. */
  private static List<Object> shapes(List<BatchedReads.Item> items) {
    return items.stream().map(i -> i.item() instanceof ReadItem.Messages batch
        ? List.of(i.event(), batch.messages().stream().map(ReadAheadSameItemsTest::shape).toList())
        : (Object) i).toList();
  }

  private static String shape(KafkaMessage m) {
    return m.topic() + "/" + m.partition() + "/" + m.offset() + "/" + m.timestamp() + "/" + Arrays.hashCode(m.key())
        + "/" + Arrays.hashCode(m.value()) + "/" + m.value().length + "/" + m.headers().size();
  }

  private static List<Integer> batchSizes(List<BatchedReads.Item> items, KafkaEvent event) {
    return items.stream().filter(i -> i.event().equals(event) && i.item() instanceof ReadItem.Messages)
        .map(i -> ((ReadItem.Messages) i.item()).messages().size()).toList();
  }

  private static KafkaEvent event(int partition, long begin, long end) {
    return new KafkaEvent(TopicPartition.of("t", partition), new OffsetRange(begin, end));
  }

  private static org.apache.kafka.common.TopicPartition tp(KafkaEvent e) {
    return new org.apache.kafka.common.TopicPartition(e.topic(), e.partition().partition());
  }

  /** Moved only when a test says so, on whichever thread it does. */
  static final class SettableClock extends Clock {
    private volatile Instant now = START;

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
