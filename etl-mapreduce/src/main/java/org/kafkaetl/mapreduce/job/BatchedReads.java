package org.kafkaetl.mapreduce.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.decode.KafkaMessage;
import org.kafkaetl.mapreduce.kafka.KafkaRangeReader;

/**
 * Reads a split's events one after another and hands their messages over in batches: at most
 * {@link #BATCH_MESSAGES} messages or about {@link #BATCH_BYTES}, and never more than one poll
 * returned, so nothing read waits for the next fetch before it is landed. After an event's last
 * batch comes its {@link ReadItem.RangeEnd} with where reading stopped. Batches because the task
 * framework's work per {@code map()} call (counters, progress, statistics) cost as much as landing
 * a small message.
 */
final class BatchedReads {
  static final int BATCH_MESSAGES = 1024;
  static final long BATCH_BYTES = 1024 * 1024;

  /** An item of the split and the event it belongs to. */
  record Item(KafkaEvent event, ReadItem item) {}

  private final KafkaRangeReader reader;
  private final List<KafkaEvent> events;
  private final Map<KafkaEvent, Long> resumeFrom;
  private final Instant deadline;
  private int index = -1;
  private KafkaEvent current;
  private boolean rangeOpen;
  private boolean endNext;

  /** @param resumeFrom where the events whose earlier read stopped early are read from */
  BatchedReads(KafkaRangeReader reader, List<KafkaEvent> events, Map<KafkaEvent, Long> resumeFrom, Instant deadline) {
    this.reader = reader;
    this.events = List.copyOf(events);
    this.resumeFrom = Map.copyOf(resumeFrom);
    this.deadline = deadline;
  }

  /** The next batch or range end, in the order read; null after the last event's end. */
  Item next() {
    if (!rangeOpen) {
      if (++index >= events.size()) {
        return null;
      }
      current = events.get(index);
      reader.start(current, resumeFrom.getOrDefault(current, current.range().begin()), deadline);
      rangeOpen = true;
    }
    if (endNext) {
      return end();
    }
    List<KafkaMessage> batch = new ArrayList<>();
    long bytes = 0;
    while (batch.size() < BATCH_MESSAGES && bytes < BATCH_BYTES) {
      KafkaMessage m = reader.next();
      if (m == null) {
        if (batch.isEmpty()) {
          return end();
        }
        endNext = true;
        break;
      }
      batch.add(m);
      bytes += length(m.key()) + length(m.value());
      if (!reader.hasFetched()) {
        break;
      }
    }
    return new Item(current, new ReadItem.Messages(batch));
  }

  /**
   * The caller waits before it asks for more, for a reason that says nothing about Kafka ({@link
   * ReadAhead} waiting for room to hand items over): the wait does not count towards the open range's
   * stall timeout ({@link KafkaRangeReader#pause}). One-thread reading never waits so.
   */
  void pause() {
    if (rangeOpen) {
      reader.pause();
    }
  }

  /** The caller asks for more again after {@link #pause}. */
  void resume() {
    reader.resume();
  }

  private Item end() {
    rangeOpen = false;
    endNext = false;
    return new Item(current, new ReadItem.RangeEnd(reader.reached(), reader.stopReason(), reader.lost()));
  }

  private static long length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }
}
