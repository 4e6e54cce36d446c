package org.kafkaetl.mapreduce.job;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a split's {@link BatchedReads} on a thread of its own, a few items ahead of the mapper, so
 * fetching and unpacking Kafka's record batches overlap with decoding, compressing and writing on
 * the task's thread ({@code etl.read.ahead}). What it promises, so that a task lands exactly what it
 * would have landed reading on its own thread:
 *
 * <ul>
 *   <li>{@link #next} returns exactly the items {@link BatchedReads#next} returned on the reading
 *       thread, in that order (one queue, one producer): the same batches, and each event's
 *       {@link ReadItem.RangeEnd}, made when its last message had been read, after its last batch.
 *   <li>An exception that reading throws is thrown by {@link #next} unchanged (the same instance), after
 *       the items read before it, and again by every later call: never skipped, never an early end.
 *   <li>At most {@link #QUEUED_ITEMS} items wait for the mapper (each a batch of at most 1,024
 *       messages or about 1 MiB, or a range's end), besides the one the reading thread is filling.
 *   <li>Reading starts at the first {@link #next}, after the mapper's set-up, as it does on one thread.
 *   <li>The split's deadline is the same; time the reading thread waits for room in the queue (the
 *       mapper landing, finishing a range, carrying an earlier read over) does not count towards a
 *       range's stall timeout, which judges Kafka.
 *   <li>The reading thread is the consumer's only user until {@link #close} has stopped it; close
 *       stops it whatever it is doing: waiting for the mapper to take, or blocked in a poll, which
 *       {@code wakeUp} (the consumer's thread-safe {@code wakeup}) makes return.
 * </ul>
 *
 * <p>{@link #next} and {@link #close} are for the task's thread.
 */
final class ReadAhead implements AutoCloseable {
  static final int QUEUED_ITEMS = 4;
  /** How long {@link #close} waits for the reading thread to stop. */
  static final long STOP_WAIT_MS = 30_000;
  /** How often a mapper waiting for the next item makes sure the reading thread is still there. */
  private static final long ALIVE_CHECK_MS = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(ReadAhead.class);

  /** What the reading thread hands over: an item, the split's end ({@link #END}) or what reading threw. */
  private record Handed(BatchedReads.Item item, RuntimeException failure) {}

  private static final Handed END = new Handed(null, null);

  private final BatchedReads reads;
  private final Runnable wakeUp;
  private final BlockingQueue<Handed> queue = new ArrayBlockingQueue<>(QUEUED_ITEMS);
  private final Thread thread;
  private volatile boolean closed;
  /** Set by the reading thread once it makes no more calls to Kafka. */
  private volatile boolean doneReading;
  /** What the reading thread died of without handing it over (an Error, say): its uncaught exception. */
  private volatile Throwable died;
  private boolean started;
  private boolean ended;
  /** What {@link #next} threw: thrown again by every later call. */
  private Throwable failure;

  /**
   * @param reads the split's reads; from now on used only by the reading thread
   * @param wakeUp makes a blocked read return, e.g. {@code consumer::wakeup}; called from the task's thread
   * @param taskName names the reading thread
   */
  ReadAhead(BatchedReads reads, Runnable wakeUp, String taskName) {
    this.reads = reads;
    this.wakeUp = wakeUp;
    this.thread = new Thread(this::readAll, "kafka-etl read-ahead " + taskName);
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler((t, e) -> {
      died = e;
      if (closed) {
        LOG.warn("{} failed as its task closed the reader", t.getName(), e);
      }
    });
  }

  /**
   * The next item {@link BatchedReads#next} returned, in the order read; null after the last event's end.
   *
   * @throws RuntimeException or Error: exactly what reading threw, after every item read before it
   * @throws InterruptedException if the task's thread was interrupted while it waited
   */
  BatchedReads.Item next() throws InterruptedException {
    if (closed) {
      throw new IllegalStateException("the read-ahead of " + thread.getName() + " is closed");
    }
    if (failure != null) {
      throw unchecked(failure);
    }
    if (ended) {
      return null;
    }
    if (!started) {
      started = true;
      thread.start();
    }
    Handed handed = take();
    if (handed.failure() != null) {
      failure = handed.failure();
      throw handed.failure();
    }
    if (handed == END) {
      ended = true;
      return null;
    }
    return handed.item();
  }

  /** How many items wait for the mapper. */
  int waiting() {
    return queue.size();
  }

  /** Whether the reading thread has started and not yet ended. */
  boolean reading() {
    return thread.isAlive();
  }

  /**
   * Stops the reading thread and waits for it (at most {@link #STOP_WAIT_MS}), so that the caller may
   * close the consumer once {@link #reading()} is false. What was read and not taken is dropped: a
   * task closes its reader before it has taken everything only when it fails. Safe to call again.
   */
  @Override
  public void close() {
    closed = true;
    if (!started) {
      return;
    }
    thread.interrupt();
    if (!doneReading) {
      wakeUp.run();
    }
    try {
      thread.join(STOP_WAIT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.clear();
    if (thread.isAlive()) {
      LOG.warn("{} did not stop within {} ms", thread.getName(), STOP_WAIT_MS);
    }
  }

  /** Waits for what the reading thread hands over, checking that it is still there to hand anything over. */
  private Handed take() throws InterruptedException {
    while (true) {
      Handed handed = queue.poll(ALIVE_CHECK_MS, TimeUnit.MILLISECONDS);
      if (handed != null) {
        return handed;
      }
      if (closed) {
        throw new IllegalStateException("the read-ahead of " + thread.getName() + " was closed");
      }
      if (!thread.isAlive()) {
        handed = queue.poll();
        if (handed != null) {
          return handed;
        }
        failure = died instanceof Error || died instanceof RuntimeException ? died
            : new IllegalStateException(thread.getName() + " ended without handing over the split's end", died);
        throw unchecked(failure);
      }
    }
  }

  /** The reading thread: every item in the order read, then the end; or what reading threw. */
  private void readAll() {
    try {
      for (BatchedReads.Item item = reads.next(); item != null; item = reads.next()) {
        if (!handOver(new Handed(item, null))) {
          return;
        }
      }
      doneReading = true;
      handOver(END);
    } catch (RuntimeException e) {
      doneReading = true;
      if (closed) {
        // the task has stopped taking (it failed or is done with the split); nobody reads this any more
        LOG.info("{} stopped reading as its task closed the reader: {}", thread.getName(), e.toString());
      } else if (!handOver(new Handed(null, e))) {
        LOG.warn("{} failed as its task closed the reader", thread.getName(), e);
      }
    }
  }

  /**
   * Waits until there is room for {@code handed}; false once closed, when nobody will take it. The
   * wait is the mapper's time, not Kafka's: it does not count towards the open range's stall timeout.
   */
  private boolean handOver(Handed handed) {
    if (closed) {
      return false;
    }
    if (queue.offer(handed)) {
      return true;
    }
    reads.pause();
    try {
      queue.put(handed);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      reads.resume();
    }
  }

  private static RuntimeException unchecked(Throwable t) {
    if (t instanceof Error e) {
      throw e;
    }
    return (RuntimeException) t;
  }
}
