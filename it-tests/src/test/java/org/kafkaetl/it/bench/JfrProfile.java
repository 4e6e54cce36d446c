package org.kafkaetl.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * A sampling profile of this JVM with Java Flight Recorder ({@code profile} settings: a stack
 * sample of each thread running Java code every 10 ms and of each thread in native code, such as
 * zlib or a socket wait, every 20 ms), summarised for one kind of thread: where its sampled time
 * falls by stage of the hot path ({@link Stages}), and its hottest leaf methods. JFR samples at
 * most a few threads per period, so with the broker and the minicluster in this JVM the absolute
 * times are far below the thread's real CPU time; the shares are what to read. The recording is
 * kept for {@code jfr print} or JDK Mission Control.
 */
final class JfrProfile implements AutoCloseable {
  private final Recording recording;

  private JfrProfile(Recording recording) {
    this.recording = recording;
  }

  static JfrProfile start() {
    try {
      Recording r = new Recording(Configuration.getConfiguration("profile"));
      r.start();
      return new JfrProfile(r);
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("cannot start a JFR recording", e);
    }
  }

  /** Where one kind of thread spent its samples. */
  /**
   * @param threadMillis from the first matching thread's start to the last one's end (-1 if unseen)
   * @param sampledMillis sampled time of the matching threads: running Java or native code
   * @param stageShares percent of sampled time per stage
   * @param sampledMillisByThreadGroup sampled time of every thread of the JVM (broker included)
   */
  record Summary(String threads, long threadMillis, long sampledMillis, Map<String, Double> stageShares,
      Map<String, Double> topLeafMethods, Map<String, Long> sampledMillisByThreadGroup, String recording) {}

  /** Stops, writes the recording to {@code file} and summarises the threads whose name contains {@code thread}. */
  Summary stop(Path file, String thread) {
    recording.stop();
    try {
      Files.createDirectories(file.getParent());
      recording.dump(file);
      return summarise(file, thread);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the profile " + file, e);
    }
  }

  @Override
  public void close() {
    recording.close();
  }

  static Summary summarise(Path file, String thread) throws IOException {
    Map<String, Long> stages = new LinkedHashMap<>();
    Stages.names().forEach(s -> stages.put(s, 0L));
    Map<String, Long> leaves = new HashMap<>();
    Map<String, Long> groups = new HashMap<>();
    long sampledMillis = 0;
    Instant firstStart = null;
    Instant lastEnd = null;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      String type = e.getEventType().getName();
      if (type.equals("jdk.ThreadStart") || type.equals("jdk.ThreadEnd")) {
        RecordedThread t = e.getThread("thread");
        if (t != null && t.getJavaName() != null && t.getJavaName().contains(thread)) {
          if (type.equals("jdk.ThreadStart") && (firstStart == null || e.getStartTime().isBefore(firstStart))) {
            firstStart = e.getStartTime();
          } else if (type.equals("jdk.ThreadEnd") && (lastEnd == null || e.getStartTime().isAfter(lastEnd))) {
            lastEnd = e.getStartTime();
          }
        }
        continue;
      }
      // a thread running Java code is sampled every 10 ms, one in native code every 20 ms
      long weight = type.equals("jdk.ExecutionSample") ? 10 : type.equals("jdk.NativeMethodSample") ? 20 : 0;
      if (weight == 0) {
        continue;
      }
      RecordedThread sampled = e.getThread("sampledThread");
      String name = sampled == null ? null : sampled.getJavaName();
      groups.merge(threadGroup(name), weight, Long::sum);
      RecordedStackTrace stack = e.getStackTrace();
      if (name == null || !name.contains(thread) || stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      sampledMillis += weight;
      List<RecordedFrame> frames = stack.getFrames();
      RecordedFrame leaf = frames.get(0);
      leaves.merge(leaf.getMethod().getType().getName() + "." + leaf.getMethod().getName(), weight, Long::sum);
      stages.merge(stageOf(frames), weight, Long::sum);
    }
    long total = sampledMillis;
    Map<String, Double> stageShares = new LinkedHashMap<>();
    stages.forEach((k, v) -> stageShares.put(k, share(v, total)));
    Map<String, Double> top = new LinkedHashMap<>();
    leaves.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
        .forEach(en -> top.put(en.getKey(), share(en.getValue(), total)));
    Map<String, Long> byGroup = new LinkedHashMap<>();
    groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
        .forEach(en -> byGroup.put(en.getKey(), en.getValue()));
    long lifetime = firstStart == null || lastEnd == null ? -1 : Duration.between(firstStart, lastEnd).toMillis();
    return new Summary(thread, lifetime, sampledMillis, stageShares, top, byGroup, file.getFileName().toString());
  }

  private static String stageOf(List<RecordedFrame> frames) {
    List<String> classes = new ArrayList<>(frames.size());
    frames.forEach(f -> classes.add(f.getMethod().getType().getName()));
    return Stages.of(classes);
  }

  /** Thread names without their numbers, so a pool counts as one. */
  private static String threadGroup(String name) {
    return name == null ? "?" : name.replaceAll("[0-9]+", "#");
  }

  private static double share(long part, long total) {
    return total == 0 ? 0 : Math.round(1000.0 * part / total) / 10.0;
  }

  /** The stage shares as one line, largest first, e.g. for the console. */
  static String stageLine(Summary s) {
    StringBuilder b = new StringBuilder();
    s.stageShares().entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.0f%%", e.getKey(),
            e.getValue())));
    return b.toString();
  }
}
