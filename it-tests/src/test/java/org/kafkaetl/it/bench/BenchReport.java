package org.kafkaetl.it.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The suite's one table and its JSON twin: a row per measurement with the measured value, the
 * issue's target and whether it was met, plus each measurement's details and the machine's state
 * (cores, load, other JVMs running) so the numbers can be read in context.
 */
final class BenchReport {
  /** Whether a row has a target and met it. */
  enum Verdict { MET, MISSED, INFO }

  /** One line of the table. */
  record Row(String id, String measurement, String result, String target, Verdict verdict) {}

  private final BenchOptions options;
  private final Map<String, Object> machine = new LinkedHashMap<>();
  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Object> details = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final Instant started = Instant.now();

  BenchReport(BenchOptions options) {
    this.options = options;
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("cpu", cpuModel());
    machine.put("memoryGiB", String.format(Locale.ROOT, "%.1f", memTotalKb() / 1024.0 / 1024.0));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    machine.put("loadAverageAtStart", loadAverage());
    machine.put("otherJvmsAtStart", otherJavaProcesses());
  }

  void row(String id, String measurement, String result, String target, Verdict verdict) {
    rows.add(new Row(id, measurement, result, target, verdict));
  }

  void info(String id, String measurement, String result) {
    row(id, measurement, result, "", Verdict.INFO);
  }

  /** A row with a lower bound: met when {@code value >= target}. */
  void atLeast(String id, String measurement, String result, double value, double target) {
    row(id, measurement, result, String.format(Locale.ROOT, ">= %.2f", target), value >= target ? Verdict.MET
        : Verdict.MISSED);
  }

  /** A row with an upper bound: met when {@code value <= target}. */
  void atMost(String id, String measurement, String result, double value, double target) {
    row(id, measurement, result, String.format(Locale.ROOT, "<= %.2f", target), value <= target ? Verdict.MET
        : Verdict.MISSED);
  }

  void details(String section, Object value) {
    details.put(section, value);
  }

  void note(String text) {
    notes.add(text);
  }

  List<Row> rows() {
    return rows;
  }

  void print(PrintStream out) {
    machine.put("loadAverageAtEnd", loadAverage());
    out.println();
    out.printf("kafka-etl benchmarks (%s mode) on %s cores, %s GiB, %s; load average at start %s, at end %s%n",
        options.quick() ? "quick" : "full", machine.get("cores"), machine.get("memoryGiB"), machine.get("cpu"),
        machine.get("loadAverageAtStart"), machine.get("loadAverageAtEnd"));
    out.printf("other JVMs on the machine at start: %s%n", machine.get("otherJvmsAtStart"));
    int[] widths = {2, 11, 6, 6, 7};
    for (Row r : rows) {
      widths[0] = Math.max(widths[0], r.id().length());
      widths[1] = Math.max(widths[1], r.measurement().length());
      widths[2] = Math.max(widths[2], r.result().length());
      widths[3] = Math.max(widths[3], r.target().length());
    }
    String format = "| %-" + widths[0] + "s | %-" + widths[1] + "s | %-" + widths[2] + "s | %-" + widths[3] + "s | %-"
        + widths[4] + "s |%n";
    out.printf(format, "#", "measurement", "result", "target", "verdict");
    out.printf(format, "-".repeat(widths[0]), "-".repeat(widths[1]), "-".repeat(widths[2]), "-".repeat(widths[3]),
        "-".repeat(widths[4]));
    for (Row r : rows) {
      out.printf(format, r.id(), r.measurement(), r.result(), r.target(),
          r.verdict() == Verdict.INFO ? "" : r.verdict().name().toLowerCase(Locale.ROOT));
    }
    notes.forEach(n -> out.println("  note: " + n));
  }

  void writeJson(Path file) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("started", started.toString());
    json.put("finished", Instant.now().toString());
    json.put("mode", options.quick() ? "quick" : "full");
    json.put("machine", machine);
    json.put("table", rows);
    json.put("notes", notes);
    json.put("details", details);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  // ---- the machine's state -----------------------------------------------------------------

  /** The 1, 5 and 15 minute load averages, as /proc/loadavg has them. */
  static String loadAverage() {
    return readFirstLine(Path.of("/proc/loadavg")).map(l -> String.join(" ", List.of(l.split(" ")).subList(0, 3)))
        .orElse("unknown");
  }

  /**
   * JVMs on the machine that are neither this one nor started by it (map task containers), each by
   * its main class: other engineers' builds compete for the same two cores.
   */
  static List<String> otherJavaProcesses() {
    ProcessHandle self = ProcessHandle.current();
    Set<Long> ours = self.descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    ours.add(self.pid());
    return ProcessHandle.allProcesses()
        .filter(p -> !ours.contains(p.pid()))
        .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .map(p -> p.pid() + " " + mainClass(p.info().arguments().orElse(new String[0])))
        .sorted()
        .toList();
  }

  private static String mainClass(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")) {
        i++;
      } else if (!a.startsWith("-")) {
        return a;
      }
    }
    return "?";
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown");
    } catch (IOException | UncheckedIOException e) {
      return "unknown";
    }
  }

  private static long memTotalKb() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
      return lines.filter(l -> l.startsWith("MemTotal:")).map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
          .findFirst().orElse(0L);
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private static Optional<String> readFirstLine(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(0));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
