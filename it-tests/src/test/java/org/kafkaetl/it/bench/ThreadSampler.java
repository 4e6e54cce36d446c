package org.kafkaetl.it.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A wall-clock profile of the threads whose name contains a given text: every 10 ms their state
 * and stack ({@link ThreadMXBean}), so time spent waiting (sleeping, parked, blocked on a socket)
 * shows as well as time computing. Stacks are taken at safepoints, which biases which line of a
 * hot loop is seen, not which stage. JFR's sampler cannot do this job here: it samples at most a
 * few threads per period among the hundreds the broker and the minicluster run in this JVM.
 */
final class ThreadSampler implements AutoCloseable {
  private final String threadName;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Thread sampler;
  private final Map<String, Long> stages = new LinkedHashMap<>();
  private final Map<String, Long> leaves = new HashMap<>();
  private final Map<String, Long> waitSites = new HashMap<>();
  private final Map<String, Long> ownFrames = new HashMap<>();
  private volatile boolean running = true;
  private volatile boolean paused;
  private long samples;

  ThreadSampler(String threadName) {
    this.threadName = threadName;
    sampler = new Thread(this::sample, "bench-thread-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /**
   * Percent of the sampled threads' wall time per stage, the hottest leaf methods while computing
   * (percent of computing samples) and where they waited most (percent of all samples).
   */
  record Summary(String threads, long samples, long intervalMillis, Map<String, Double> wallShares,
      Map<String, Double> topLeafMethods, Map<String, Double> topWaitSites, Map<String, Double> topOwnFrames) {}

  private void sample() {
    long[] ids = new long[0];
    long lastScan = 0;
    while (running) {
      long now = System.nanoTime();
      if (now - lastScan > 100_000_000L) {
        ids = matchingThreads();
        lastScan = now;
      }
      if (ids.length > 0 && !paused) {
        for (ThreadInfo info : threads.getThreadInfo(ids, 64)) {
          if (info != null) {
            record(info);
          }
        }
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private long[] matchingThreads() {
    List<Long> found = new ArrayList<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
      if (info != null && info.getThreadName().contains(threadName)) {
        found.add(info.getThreadId());
      }
    }
    return found.stream().mapToLong(Long::longValue).toArray();
  }

  private synchronized void record(ThreadInfo info) {
    samples++;
    StackTraceElement[] stack = info.getStackTrace();
    List<String> classes = new ArrayList<>(stack.length);
    for (StackTraceElement e : stack) {
      classes.add(e.getClassName());
    }
    String stage = Stages.of(classes);
    String key = switch (info.getThreadState()) {
      case RUNNABLE -> stage.equals(Stages.NETWORK_WAIT) ? "waiting: " + stage : stage;
      case BLOCKED -> "waiting: blocked on a lock in " + stage;
      default -> "waiting: " + waitReason(stack) + " in " + stage;
    };
    stages.merge(key, 1L, Long::sum);
    if (key.startsWith("waiting")) {
      waitSites.merge(waitSite(stack), 1L, Long::sum);
    }
    ownFrames.merge(ownFrame(stack), 1L, Long::sum);
    if (info.getThreadState() == Thread.State.RUNNABLE && stack.length > 0 && !stage.equals(Stages.NETWORK_WAIT)) {
      leaves.merge(stack[0].getClassName() + "." + stack[0].getMethodName(), 1L, Long::sum);
    }
  }

  /** The first frame outside the JDK: who sleeps, parks or waits on a socket. */
  private static String waitSite(StackTraceElement[] stack) {
    for (StackTraceElement e : stack) {
      String c = e.getClassName();
      if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
        return c.substring(c.lastIndexOf('.') + 1) + "." + e.getMethodName() + ":" + e.getLineNumber();
      }
    }
    return "?";
  }

  /** The innermost kafka-etl frame: which step of ours the time went to, whatever it waited on. */
  private static String ownFrame(StackTraceElement[] stack) {
    for (StackTraceElement e : stack) {
      String c = e.getClassName();
      if (c.startsWith("org.kafkaetl.") && !c.startsWith("org.kafkaetl.it.")) {
        return c.substring(c.lastIndexOf('.') + 1) + "." + e.getMethodName() + ":" + e.getLineNumber();
      }
    }
    return "?";
  }

  private static String waitReason(StackTraceElement[] stack) {
    return stack.length > 0 && stack[0].getMethodName().equals("sleep") ? "sleeping" : "parked/waiting";
  }

  /** Stops counting until {@link #resume}, e.g. while the same thread does something else. */
  void pause() {
    paused = true;
  }

  void resume() {
    paused = false;
  }

  synchronized Summary summary() {
    long total = samples;
    Map<String, Double> shares = new LinkedHashMap<>();
    stages.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> shares.put(e.getKey(), share(e.getValue(), total)));
    long computing = leaves.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Double> top = new LinkedHashMap<>();
    leaves.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
        .forEach(e -> top.put(e.getKey(), share(e.getValue(), computing)));
    Map<String, Double> sites = new LinkedHashMap<>();
    waitSites.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
        .forEach(e -> sites.put(e.getKey(), share(e.getValue(), total)));
    return new Summary(threadName, total, 10, shares, top, sites, topShares(ownFrames, total, 12));
  }

  private static Map<String, Double> topShares(Map<String, Long> counts, long total, int limit) {
    Map<String, Double> top = new LinkedHashMap<>();
    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
        .forEach(e -> top.put(e.getKey(), share(e.getValue(), total)));
    return top;
  }

  /** The shares as one line, largest first. */
  static String line(Summary s) {
    StringBuilder b = new StringBuilder();
    s.wallShares().forEach((k, v) -> {
      if (v >= 1) {
        b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.0f%%", k, v));
      }
    });
    return b.toString();
  }

  private static double share(long part, long total) {
    return total == 0 ? 0 : Math.round(1000.0 * part / total) / 10.0;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
