package org.kafkaetl.mapreduce.job;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.decode.KafkaMessage;
import org.kafkaetl.mapreduce.kafka.KafkaRangeReader;

/**
 * Reads a split's events on a thread of its own, so fetching and unpacking Kafka's record batches
 * overlap with encoding and compressing on the task's thread. Each event's messages come out in
 * the order read, then its {@link ReadItem.RangeEnd} with where reading stopped — exactly what
 * reading on the task's thread gave, so a range's report still names exactly the offsets landed.
 * The hand-off is a queue of a few chunks (each at most {@link #CHUNK_MESSAGES} messages or about
 * {@link #CHUNK_BYTES}, and no more than one poll returned), so reading runs at most that far ahead
 * and nothing read waits for the next fetch before it is landed. If the reading thread fails, the
 * next {@link #next} throws and the task fails as it did when it read on its own thread.
 * The reading thread is the only user of the consumer until {@link #close} has stopped it.
 */
final class ReadAhead implements AutoCloseable {
  static final int CHUNK_MESSAGES = 1024;
  static final long CHUNK_BYTES = 1024 * 1024;
  static final int QUEUED_CHUNKS = 4;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReadAhead.class);

  /** One event's next items; the end of all events has no event; a failure only its cause. */
  private record Chunk(KafkaEvent event, List<ReadItem> items, Throwable failure) {}

  /** An item of the split and the event it belongs to. */
  record Item(KafkaEvent event, ReadItem item) {}

  private static final Chunk END = new Chunk(null, List.of(), null);

  private final KafkaRangeReader reader;
  private final List<KafkaEvent> events;
  private final Map<KafkaEvent, Long> resumeFrom;
  private final Instant deadline;
  private final Runnable interruptReading;
  private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
  private final Thread thread;
  private KafkaEvent current;
  private Iterator<ReadItem> items = List.<ReadItem>of().iterator();
  private boolean ended;

  /**
   * @param resumeFrom where the events whose earlier read stopped early are read from
   * @param interruptReading makes a blocked read return, e.g. {@code consumer::wakeup}; thread-safe
   */
  ReadAhead(KafkaRangeReader reader, List<KafkaEvent> events, Map<KafkaEvent, Long> resumeFrom, Instant deadline,
      Runnable interruptReading, String taskName) {
    this.reader = reader;
    this.events = List.copyOf(events);
    this.resumeFrom = Map.copyOf(resumeFrom);
    this.deadline = deadline;
    this.interruptReading = interruptReading;
    this.thread = new Thread(this::readAll, "kafka-etl read-ahead " + taskName);
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler((t, e) -> failed(e));
  }

  void start() {
    thread.start();
  }

  /** The next item in the order read; null after the last event's end. @throws IOException if reading failed */
  Item next() throws IOException, InterruptedException {
    while (!items.hasNext()) {
      if (ended) {
        return null;
      }
      Chunk chunk = queue.take();
      if (chunk.failure() != null) {
        ended = true;
        throw new IOException("reading Kafka failed: " + chunk.failure(), chunk.failure());
      }
      if (chunk == END) {
        ended = true;
        return null;
      }
      current = chunk.event();
      items = chunk.items().iterator();
    }
    return new Item(current, items.next());
  }

  /** Whether the reading thread is still alive. */
  boolean reading() {
    return thread.isAlive();
  }

  /** Stops the reading thread and waits for it, so the caller may close the consumer. */
  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    interruptReading.run();
    thread.join(30_000);
    if (thread.isAlive()) {
      LOG.warn("the Kafka reading thread did not stop within 30 s; closing its consumer anyway");
    }
  }

  private void readAll() {
    try {
      for (KafkaEvent event : events) {
        readEvent(event);
      }
      queue.put(END);
    } catch (InterruptedException e) {
      // closed: nobody takes what is read any more
    }
  }

  private void readEvent(KafkaEvent event) throws InterruptedException {
    reader.start(event, resumeFrom.getOrDefault(event, event.range().begin()), deadline);
    List<KafkaMessage> batch = new ArrayList<>();
    long bytes = 0;
    for (KafkaMessage m = reader.next(); m != null; m = reader.next()) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      batch.add(m);
      bytes += length(m.key()) + length(m.value());
      // Also whenever the reader must wait for Kafka again: what it has is landed meanwhile.
      if (batch.size() >= CHUNK_MESSAGES || bytes >= CHUNK_BYTES || !reader.hasFetched()) {
        queue.put(new Chunk(event, List.of(new ReadItem.Messages(batch)), null));
        batch = new ArrayList<>();
        bytes = 0;
      }
    }
    ReadItem.RangeEnd end = new ReadItem.RangeEnd(reader.reached(), reader.stopReason(), reader.lost());
    queue.put(new Chunk(event, batch.isEmpty() ? List.of(end) : List.of(new ReadItem.Messages(batch), end), null));
  }

  /**
   * The reading thread died: what it read and nobody took is dropped (the task fails, so none of
   * it would be committed), and the failure is what the task's thread takes next.
   */
  private void failed(Throwable cause) {
    queue.clear();
    if (!queue.offer(new Chunk(null, List.of(), cause))) {
      LOG.error("cannot hand the read failure over", cause);
    }
  }

  private static long length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }
}
