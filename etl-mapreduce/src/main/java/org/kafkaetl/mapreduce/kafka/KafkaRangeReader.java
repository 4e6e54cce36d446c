package org.kafkaetl.mapreduce.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.decode.KafkaMessage;

/**
 * Reads exactly one event's range [begin, end) with assign + seek. Kafka's {@code poll()} returns
 * nothing rather than failing while a broker is down, so reading is bounded by its own deadline
 * and a stall timeout: whichever comes first ends the range early, with a reason.
 */
public final class KafkaRangeReader {
  private final Consumer<byte[], byte[]> consumer;
  private final Clock clock;
  private final Duration pollTimeout;
  private final Duration stallTimeout;

  private KafkaEvent event;
  private org.apache.kafka.common.TopicPartition tp;
  private Instant deadline;
  private Instant lastProgress;
  /** Since when the caller has not been reading, for a reason that says nothing about Kafka; or null. */
  private Instant pausedAt;
  private Iterator<ConsumerRecord<byte[], byte[]>> buffered = Collections.emptyIterator();
  private long reached;
  private String stopReason;
  private final List<OffsetRange> lost = new ArrayList<>();

  public KafkaRangeReader(Consumer<byte[], byte[]> consumer, Clock clock, Duration pollTimeout, Duration stallTimeout) {
    this.consumer = consumer;
    this.clock = clock;
    this.pollTimeout = pollTimeout;
    this.stallTimeout = stallTimeout;
  }

  /** Starts reading {@code event}; reading stops at the latest at {@code deadline}. */
  public void start(KafkaEvent event, Instant deadline) {
    start(event, event.range().begin(), deadline);
  }

  /**
   * Starts reading {@code event} at {@code from}, where an earlier read of it stopped; what Kafka
   * deleted before {@code from} is that read's business, not this one's.
   */
  public void start(KafkaEvent event, long from, Instant deadline) {
    if (!event.range().contains(from) && from != event.range().end()) {
      throw new IllegalArgumentException("offset " + from + " is not in " + event);
    }
    this.event = event;
    this.tp = new org.apache.kafka.common.TopicPartition(event.topic(), event.partition().partition());
    this.deadline = deadline;
    this.lastProgress = clock.instant();
    this.pausedAt = null;
    this.buffered = Collections.emptyIterator();
    this.reached = from;
    this.stopReason = null;
    this.lost.clear();
    consumer.assign(List.of(tp));
    consumer.seek(tp, from);
  }

  /** The next message of the range, or null when the range is done or reading had to stop. */
  public KafkaMessage next() {
    while (!buffered.hasNext()) {
      if (reached >= event.range().end() || stopReason != null || !fetchMore()) {
        return null;
      }
    }
    ConsumerRecord<byte[], byte[]> record = buffered.next();
    reached = record.offset() + 1;
    return toMessage(record);
  }

  /** Whether {@link #next} has a message at hand, i.e. returns without asking Kafka. */
  public boolean hasFetched() {
    return buffered.hasNext();
  }

  /**
   * The caller stops calling {@link #next} for a while that says nothing about Kafka (a reading
   * thread waiting for room to hand messages over): until {@link #resume}, that time does not count
   * towards the stall timeout. The deadline still runs.
   */
  public void pause() {
    pausedAt = clock.instant();
  }

  /** Reading goes on after {@link #pause}: the time in between is not counted as time without progress. */
  public void resume() {
    if (pausedAt != null && lastProgress != null) {
      Instant now = clock.instant();
      if (now.isAfter(pausedAt)) {
        lastProgress = lastProgress.plus(Duration.between(pausedAt, now));
      }
    }
    pausedAt = null;
  }

  /** First offset not read: the range's end when it was read completely. */
  public long reached() {
    return reached;
  }

  /** Sub-ranges Kafka had deleted before they could be read (retention), in offset order. */
  public List<OffsetRange> lost() {
    return List.copyOf(lost);
  }

  /** Why the range ended before its end, or null. */
  public String stopReason() {
    return stopReason;
  }

  /** Polls once; false when reading must stop (reason set). */
  private boolean fetchMore() {
    Instant now = clock.instant();
    if (!now.isBefore(deadline)) {
      stopReason = "max pull time reached at offset " + reached;
      return false;
    }
    if (Duration.between(lastProgress, now).compareTo(stallTimeout) >= 0) {
      stopReason = "no progress for " + stallTimeout.toSeconds() + " s at offset " + reached
          + " (broker down or partition unavailable?)";
      return false;
    }
    List<ConsumerRecord<byte[], byte[]>> inRange;
    try {
      inRange = inRange(consumer.poll(min(pollTimeout, Duration.between(now, deadline))).records(tp));
      advanceOverGaps(inRange);
    } catch (OffsetOutOfRangeException e) {
      return skipDeleted();
    } catch (KafkaException e) {
      stopReason = "Kafka error at offset " + reached + ": " + e;
      return false;
    }
    buffered = inRange.iterator();
    return true;
  }

  /**
   * Under {@code auto.offset.reset=none} an offset Kafka already deleted fails the poll. What was
   * deleted is recorded as lost (never silently skipped) and reading goes on from the earliest
   * offset Kafka still has.
   */
  private boolean skipDeleted() {
    long earliest;
    try {
      earliest = consumer.beginningOffsets(List.of(tp), stallTimeout).get(tp);
    } catch (KafkaException e) {
      stopReason = "offset " + reached + " is out of range and Kafka's earliest offset is unknown: " + e;
      return false;
    }
    if (earliest <= reached) {
      stopReason = "offset " + reached + " is out of range though Kafka's earliest offset is " + earliest
          + " (log truncated?)";
      return false;
    }
    long lostEnd = Math.min(earliest, event.range().end());
    lost.add(new OffsetRange(reached, lostEnd));
    reached = lostEnd;
    lastProgress = clock.instant();
    if (reached < event.range().end()) {
      consumer.seek(tp, reached);
    }
    return true;
  }

  private List<ConsumerRecord<byte[], byte[]>> inRange(List<ConsumerRecord<byte[], byte[]>> records) {
    long end = event.range().end();
    if (records.isEmpty() || records.get(records.size() - 1).offset() < end) {
      return records;
    }
    List<ConsumerRecord<byte[], byte[]>> kept = new ArrayList<>(records.size());
    for (ConsumerRecord<byte[], byte[]> r : records) {
      if (r.offset() < end) {
        kept.add(r);
      }
    }
    return kept;
  }

  /**
   * Transaction markers and compacted-away offsets are never returned, so progress is judged by
   * the consumer's position, and an empty tail of the range still counts as read.
   */
  private void advanceOverGaps(List<ConsumerRecord<byte[], byte[]>> inRange) {
    long position = consumer.position(tp);
    long before = reached;
    if (inRange.isEmpty()) {
      reached = Math.max(reached, Math.min(position, event.range().end()));
    }
    if (reached > before || !inRange.isEmpty()) {
      lastProgress = clock.instant();
    }
  }

  /** The message of a consumer record, without Kafka client types. */
  public static KafkaMessage toMessage(ConsumerRecord<byte[], byte[]> r) {
    List<KafkaMessage.Header> headers = new ArrayList<>();
    for (Header h : r.headers()) {
      headers.add(new KafkaMessage.Header(h.key(), h.value()));
    }
    return new KafkaMessage(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), headers);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
