package org.kafkaetl.it.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measurement (7): watches the map task JVMs ({@code org.apache.hadoop.mapred.YarnChild}) this
 * JVM's minicluster starts (not their launch scripts, not children they fork), polling {@code /proc/<pid>/status} every 50 ms for VmHWM (the kernel's
 * peak resident set of the process) and VmRSS. Only descendants of this JVM count: other
 * engineers' tests on the machine run YarnChild processes too. VmHWM only grows, so the last value
 * read before a process exits is its peak up to the last 50 ms.
 */
final class MapperRssProbe implements AutoCloseable {
  private static final String TASK_MAIN = "org.apache.hadoop.mapred.YarnChild";

  /** One map task JVM as observed. */
  record Mapper(long pid, long firstSeenMillis, long lastSeenMillis, long peakHwmKb, long peakRssKb) {
    long observedMillis() {
      return lastSeenMillis - firstSeenMillis;
    }
  }

  private final Map<Long, Mapper> seen = new ConcurrentHashMap<>();
  private final Thread poller;
  private volatile boolean running = true;

  MapperRssProbe() {
    poller = new Thread(this::poll, "bench-mapper-rss-probe");
    poller.setDaemon(true);
    poller.start();
  }

  private void poll() {
    while (running) {
      long now = System.currentTimeMillis();
      ProcessHandle.current().descendants().forEach(p -> observe(p.pid(), now));
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void observe(long pid, long now) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      if (!seen.containsKey(pid)) {
        // the container's launch script (bash -c "java ... YarnChild ...") names the class too, and so
        // does a child the task JVM forks (a shell command) until it execs: only the task JVM counts
        if (!isTaskJvm(proc) || isTaskJvm(Path.of("/proc", parentPid(proc)))) {
          return;
        }
      }
      long hwm = 0;
      long rss = 0;
      for (String line : Files.readAllLines(proc.resolve("status"))) {
        if (line.startsWith("VmHWM:")) {
          hwm = kb(line);
        } else if (line.startsWith("VmRSS:")) {
          rss = kb(line);
        }
      }
      long h = hwm;
      long r = rss;
      seen.merge(pid, new Mapper(pid, now, now, h, r), (old, x) -> new Mapper(pid, old.firstSeenMillis(), now,
          Math.max(old.peakHwmKb(), h), Math.max(old.peakRssKb(), r)));
    } catch (NoSuchFileException e) {
      // exited between listing and reading
    } catch (IOException e) {
      // unreadable: not ours to judge
    }
  }

  private static boolean isTaskJvm(Path proc) throws IOException {
    String[] argv = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).split("\0");
    return argv[0].endsWith("/java") && List.of(argv).contains(TASK_MAIN);
  }

  /** Field 4 of /proc/<pid>/stat, after the command name in parentheses. */
  private static String parentPid(Path proc) throws IOException {
    String stat = Files.readString(proc.resolve("stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1];
  }

  private static long kb(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  /** Map task JVMs seen since the last call, and forgets them. */
  List<Mapper> drain() {
    List<Mapper> mappers = new ArrayList<>(seen.values());
    mappers.forEach(m -> seen.remove(m.pid()));
    mappers.sort((a, b) -> Long.compare(a.firstSeenMillis(), b.firstSeenMillis()));
    return mappers;
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
  }
}
