package org.kafkaetl.mapreduce.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.decode.KafkaMessage;

@Timeout(20)
class KafkaRangeReaderTest {
  private static final org.apache.kafka.common.TopicPartition TP = new org.apache.kafka.common.TopicPartition("t", 0);
  private final MutableClock clock = new MutableClock();
  private MockConsumer<byte[], byte[]> consumer;
  private KafkaRangeReader reader;

  @BeforeEach
  void setUp() {
    consumer = new MockConsumer<>("none");
    consumer.updateBeginningOffsets(Map.of(TP, 0L));
    consumer.updateEndOffsets(Map.of(TP, 100L));
    reader = new KafkaRangeReader(consumer, clock, Duration.ofMillis(10), Duration.ofSeconds(30));
  }

  @Test
  void readsExactlyTheRangeAndIgnoresOffsetsBeyondIt() {
    start(5, 8, Duration.ofMinutes(1));
    for (long o = 5; o < 10; o++) {
      consumer.addRecord(record(o));
    }
    assertThat(readAll()).containsExactly(5L, 6L, 7L);
    assertThat(reader.reached()).isEqualTo(8);
    assertThat(reader.stopReason()).isNull();
  }

  @Test
  void emptyPollsUntilTheStallTimeoutEndTheRangeWithAReason() {
    start(0, 3, Duration.ofMinutes(10));
    consumer.addRecord(record(0));
    consumer.schedulePollTask(() -> {});
    consumer.schedulePollTask(() -> clock.advance(Duration.ofSeconds(40)));
    assertThat(readAll()).containsExactly(0L);
    assertThat(reader.reached()).isEqualTo(1);
    assertThat(reader.stopReason()).contains("no progress");
  }

  /** A reading thread that waits for room to hand messages over is not stalled by that wait. */
  @Test
  void timeBetweenPauseAndResumeDoesNotCountTowardsTheStallTimeout() {
    start(0, 3, Duration.ofMinutes(10));
    consumer.addRecord(record(0));
    assertThat(reader.next().offset()).isZero();
    reader.pause();
    clock.advance(Duration.ofSeconds(40));
    reader.resume();
    consumer.addRecord(record(1));
    consumer.addRecord(record(2));
    assertThat(readAll()).containsExactly(1L, 2L);
    assertThat(reader.stopReason()).isNull();
  }

  @Test
  void theDeadlineRunsOnDuringAPause() {
    start(0, 3, Duration.ofSeconds(5));
    consumer.addRecord(record(0));
    assertThat(reader.next().offset()).isZero();
    reader.pause();
    clock.advance(Duration.ofSeconds(6));
    reader.resume();
    consumer.addRecord(record(1));
    assertThat(readAll()).isEmpty();
    assertThat(reader.stopReason()).contains("max pull time");
    assertThat(reader.reached()).isEqualTo(1);
  }

  @Test
  void theDeadlineEndsTheRange() {
    start(0, 3, Duration.ofSeconds(5));
    consumer.schedulePollTask(() -> {
      consumer.addRecord(record(0));
      clock.advance(Duration.ofSeconds(6));
    });
    assertThat(readAll()).containsExactly(0L);
    assertThat(reader.stopReason()).contains("max pull time");
    assertThat(reader.reached()).isEqualTo(1);
  }

  @Test
  void offsetsDeletedByRetentionAreRecordedAsLostAndTheRestIsRead() {
    start(0, 5, Duration.ofMinutes(1));
    consumer.updateBeginningOffsets(Map.of(TP, 2L));
    for (long o = 2; o < 5; o++) {
      consumer.addRecord(record(o));
    }
    consumer.setPollException(new OffsetOutOfRangeException("gone", Map.of(TP, 0L)));
    assertThat(readAll()).containsExactly(2L, 3L, 4L);
    assertThat(reader.lost()).containsExactly(new OffsetRange(0, 2));
    assertThat(reader.reached()).isEqualTo(5);
    assertThat(reader.stopReason()).isNull();
  }

  @Test
  void aResumedReadStartsWhereTheEarlierStoppedAndLosesOnlyWhatKafkaDeletedAfterThat() {
    reader.start(new KafkaEvent(TopicPartition.of("t", 0), new OffsetRange(0, 10)), 6, clock.instant().plusSeconds(60));
    consumer.updateBeginningOffsets(Map.of(TP, 8L));
    for (long o = 8; o < 10; o++) {
      consumer.addRecord(record(o));
    }
    consumer.setPollException(new OffsetOutOfRangeException("gone", Map.of(TP, 6L)));
    assertThat(readAll()).containsExactly(8L, 9L);
    assertThat(reader.lost()).containsExactly(new OffsetRange(6, 8));
    assertThat(reader.reached()).isEqualTo(10);
  }

  @Test
  void aResumedReadThatHadReachedTheEndReadsNothing() {
    reader.start(new KafkaEvent(TopicPartition.of("t", 0), new OffsetRange(0, 10)), 10, clock.instant().plusSeconds(60));
    assertThat(readAll()).isEmpty();
    assertThat(reader.reached()).isEqualTo(10);
    assertThat(reader.lost()).isEmpty();
    assertThat(reader.stopReason()).isNull();
  }

  @Test
  void aResumeOutsideTheRangeIsRefused() {
    KafkaEvent event = new KafkaEvent(TopicPartition.of("t", 0), new OffsetRange(5, 10));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.start(event, 11, clock.instant()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset 11");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.start(event, 4, clock.instant()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aWhollyDeletedRangeIsAllLost() {
    start(0, 5, Duration.ofMinutes(1));
    consumer.updateBeginningOffsets(Map.of(TP, 9L));
    consumer.setPollException(new OffsetOutOfRangeException("gone", Map.of(TP, 0L)));
    assertThat(readAll()).isEmpty();
    assertThat(reader.lost()).containsExactly(new OffsetRange(0, 5));
    assertThat(reader.reached()).isEqualTo(5);
  }

  @Test
  void outOfRangeAboveTheEarliestOffsetStopsTheRangeInsteadOfGuessing() {
    start(3, 5, Duration.ofMinutes(1));
    consumer.setPollException(new OffsetOutOfRangeException("truncated", Map.of(TP, 3L)));
    assertThat(readAll()).isEmpty();
    assertThat(reader.lost()).isEmpty();
    assertThat(reader.stopReason()).contains("out of range");
  }

  @Test
  void gapsAtTheEndOfTheRangeCountAsRead() {
    start(0, 4, Duration.ofMinutes(1));
    consumer.addRecord(record(0));
    consumer.addRecord(record(1));
    // offsets 2 and 3 are transaction markers: never returned, but the position moves past them
    consumer.schedulePollTask(() -> {});
    consumer.schedulePollTask(() -> consumer.seek(TP, 4));
    assertThat(readAll()).containsExactly(0L, 1L);
    assertThat(reader.reached()).isEqualTo(4);
    assertThat(reader.stopReason()).isNull();
  }

  private void start(long begin, long end, Duration maxPull) {
    reader.start(new KafkaEvent(TopicPartition.of("t", 0), new OffsetRange(begin, end)), clock.instant().plus(maxPull));
  }

  private List<Long> readAll() {
    List<Long> offsets = new ArrayList<>();
    for (KafkaMessage m = reader.next(); m != null; m = reader.next()) {
      offsets.add(m.offset());
    }
    return offsets;
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset) {
    return new ConsumerRecord<>("t", 0, offset, new byte[] {1}, ("v" + offset).getBytes());
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-21T03:05:00Z");

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
