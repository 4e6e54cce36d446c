package org.kafkaetl.it.soak;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The soak's table: per fault class, how often it was injected, and of the records written in the
 * hours it was injected, how many were lost and duplicated, and how many SMS those hours sent.
 */
final class SoakTable {
  private static final String NONE = "(no fault)";

  private final Map<FaultClass, int[]> rows = new EnumMap<>(FaultClass.class);
  private final int[] clean = new int[4];

  /** Counts for one hour: its fault (if any and if it acted) and the SMS it caused. */
  void hour(Optional<FaultClass> fault, boolean injected, int alerts) {
    int[] row = row(fault);
    row[0] += fault.isPresent() && injected ? 1 : 0;
    row[3] += alerts;
  }

  void findings(List<IndependentCheck.Finding> lost, List<IndependentCheck.Finding> duplicated,
      FaultScheduler schedule) {
    lost.forEach(f -> row(faultOf(f, schedule))[1]++);
    duplicated.forEach(f -> row(faultOf(f, schedule))[2]++);
  }

  int injected(FaultClass fault) {
    return rows.getOrDefault(fault, new int[4])[0];
  }

  private static Optional<FaultClass> faultOf(IndependentCheck.Finding f, FaultScheduler schedule) {
    return f.hour() < schedule.hours() ? schedule.faultAt(f.hour()) : Optional.empty();
  }

  private int[] row(Optional<FaultClass> fault) {
    return fault.map(c -> rows.computeIfAbsent(c, k -> new int[4])).orElse(clean);
  }

  String render() {
    StringBuilder t = new StringBuilder(String.format("%-46s %8s %8s %11s %7s%n", "fault class", "injected",
        "lost", "duplicated", "alerts"));
    for (FaultClass c : FaultClass.values()) {
      int[] r = rows.getOrDefault(c, new int[4]);
      t.append(String.format("%-46s %8d %8d %11d %7d%n", c.description(), r[0], r[1], r[2], r[3]));
    }
    t.append(String.format("%-46s %8s %8d %11d %7d%n", NONE, "-", clean[1], clean[2], clean[3]));
    return t.toString();
  }
}
