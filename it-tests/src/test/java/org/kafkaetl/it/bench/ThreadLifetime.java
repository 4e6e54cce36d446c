package org.kafkaetl.it.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * How long threads whose name contains a text lived: from the first time one is seen to the last,
 * looking every 5 ms. Used to time the map task in Hadoop local mode, where it is a thread
 * ("LocalJobRunner Map Task Executor") of this JVM, apart from planning, submission and commit.
 */
final class ThreadLifetime implements AutoCloseable {
  private final String name;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Thread watcher;
  private volatile boolean running = true;
  private volatile long firstSeen = -1;
  private volatile long lastSeen = -1;

  ThreadLifetime(String name) {
    this.name = name;
    watcher = new Thread(this::watch, "bench-thread-lifetime");
    watcher.setDaemon(true);
    watcher.start();
  }

  private void watch() {
    while (running) {
      long now = System.nanoTime();
      for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
        if (info != null && info.getThreadName().contains(name)) {
          if (firstSeen < 0) {
            firstSeen = now;
          }
          lastSeen = now;
          break;
        }
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Seconds between the first and the last sighting; NaN if never seen. */
  double seconds() {
    return firstSeen < 0 ? Double.NaN : (lastSeen - firstSeen) / 1e9;
  }

  @Override
  public void close() {
    running = false;
    watcher.interrupt();
    try {
      watcher.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
