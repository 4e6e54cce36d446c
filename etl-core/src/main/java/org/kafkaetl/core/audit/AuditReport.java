package org.kafkaetl.core.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The audit's answer: a table per partition, the notes (known losses, what was not compared), a
 * one-line verdict — {@code audit <topic> <window>: CLEAN} or {@code …: N problems} — and each
 * problem on its own line.
 */
public final class AuditReport {
  static final String[] HEADERS =
      {"partition", "ranges", "expected", "landed", "errors", "lost", "duplicates", "missing", "extra", "daily"};

  private final String topic;
  private final AuditWindow window;
  private final Map<Integer, PartitionLine> lines = new TreeMap<>();
  private final List<Finding> findings = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public AuditReport(String topic, AuditWindow window) {
    this.topic = topic;
    this.window = window;
  }

  public PartitionLine line(int partition) {
    return lines.computeIfAbsent(partition, PartitionLine::new);
  }

  public void add(Finding finding) {
    findings.add(finding);
    if (finding.partition() != Finding.NO_PARTITION) {
      line(finding.partition());
    }
  }

  public void addAll(Collection<Finding> found) {
    found.forEach(this::add);
  }

  public void note(String note) {
    notes.add(note);
  }

  public List<Finding> findings() {
    return List.copyOf(findings);
  }

  public List<String> notes() {
    return List.copyOf(notes);
  }

  String topic() {
    return topic;
  }

  AuditWindow window() {
    return window;
  }

  /** Per partition, in partition order: its numbers and how many problems name it. */
  java.util.Collection<PartitionLine> partitionLines() {
    return java.util.Collections.unmodifiableCollection(lines.values());
  }

  long problemsOf(int partition) {
    return findings.stream().filter(f -> f.partition() == partition).count();
  }

  public boolean clean() {
    return findings.isEmpty();
  }

  /** {@code audit orders 2026-11-21: CLEAN} or {@code audit orders 2026-11-21: 3 problems}. */
  public String verdict() {
    String head = "audit " + topic + " " + window.label() + ": ";
    if (clean()) {
      return head + "CLEAN";
    }
    return head + findings.size() + (findings.size() == 1 ? " problem" : " problems");
  }

  /** Table, notes, verdict and problems, as the command prints them. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(table());
    if (!notes.isEmpty()) {
      out.append("notes:\n");
      notes.forEach(n -> out.append("  ").append(n).append('\n'));
    }
    out.append(verdict()).append('\n');
    findings.forEach(f -> out.append("  ").append(f).append('\n'));
    return out.toString();
  }

  private String table() {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (PartitionLine line : lines.values()) {
      long[] columns = line.columns();
      String[] row = new String[HEADERS.length + 1];
      for (int i = 0; i < columns.length; i++) {
        row[i] = Long.toString(columns[i]);
      }
      long problems = problemsOf(line.partition());
      row[columns.length] = problems == 0 ? "ok" : problems + (problems == 1 ? " problem" : " problems");
      rows.add(row);
    }
    rows.set(0, append(HEADERS, "verdict"));
    int[] widths = new int[HEADERS.length + 1];
    rows.forEach(r -> {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    });
    StringBuilder table = new StringBuilder();
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        table.append(i == 0 ? "" : "  ").append(i == r.length - 1 ? r[i] : pad(r[i], widths[i]));
      }
      table.append('\n');
    }
    return table.toString();
  }

  private static String[] append(String[] headers, String last) {
    String[] all = java.util.Arrays.copyOf(headers, headers.length + 1);
    all[headers.length] = last;
    return all;
  }

  private static String pad(String s, int width) {
    return " ".repeat(width - s.length()) + s;
  }
}
