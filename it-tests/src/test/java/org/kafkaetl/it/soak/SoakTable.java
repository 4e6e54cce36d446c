package org.kafkaetl.it.soak;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The soak's table: per fault class, how often it was injected, and of the records written in the
 * hours it was injected, how many were lost and duplicated, how many SMS those hours sent and how
 * many commands the operator ran for them. An hour with several faults counts for each of them.
 */
final class SoakTable {
  private static final String NONE = "(no fault)";
  private static final int INJECTED = 0;
  private static final int LOST = 1;
  private static final int DUPLICATED = 2;
  private static final int ALERTS = 3;
  private static final int COMMANDS = 4;

  private final Map<FaultClass, int[]> rows = new EnumMap<>(FaultClass.class);
  private final int[] clean = new int[5];

  /** Counts for one hour: its scheduled faults, those that acted, and the pages they caused. */
  void hour(List<FaultClass> scheduled, List<FaultClass> injected, Operator.Handled pages) {
    injected.forEach(f -> row(f)[INJECTED]++);
    for (int[] row : rowsOf(scheduled)) {
      row[ALERTS] += pages.sms();
      row[COMMANDS] += pages.commands();
    }
  }

  void findings(List<IndependentCheck.Finding> lost, List<IndependentCheck.Finding> duplicated,
      FaultScheduler schedule) {
    lost.forEach(f -> rowsOf(faultsOf(f, schedule)).forEach(r -> r[LOST]++));
    duplicated.forEach(f -> rowsOf(faultsOf(f, schedule)).forEach(r -> r[DUPLICATED]++));
  }

  int injected(FaultClass fault) {
    return rows.getOrDefault(fault, new int[5])[INJECTED];
  }

  private static List<FaultClass> faultsOf(IndependentCheck.Finding f, FaultScheduler schedule) {
    return f.hour() < schedule.hours() ? schedule.faultsAt(f.hour()) : List.of();
  }

  private List<int[]> rowsOf(List<FaultClass> faults) {
    return faults.isEmpty() ? List.of(clean) : faults.stream().map(this::row).toList();
  }

  private int[] row(FaultClass fault) {
    return rows.computeIfAbsent(fault, k -> new int[5]);
  }

  /** The rows of the classes this soak scheduled, and the clean hours'. */
  String render(List<FaultClass> scheduled) {
    StringBuilder t = new StringBuilder(String.format("%-56s %8s %8s %11s %7s %9s%n", "fault class", "injected",
        "lost", "duplicated", "alerts", "commands"));
    for (FaultClass c : FaultClass.values()) {
      if (!scheduled.contains(c)) {
        continue;
      }
      int[] r = rows.getOrDefault(c, new int[5]);
      t.append(String.format("%-56s %8d %8d %11d %7d %9d%n", c.description(), r[INJECTED], r[LOST], r[DUPLICATED],
          r[ALERTS], r[COMMANDS]));
    }
    t.append(String.format("%-56s %8s %8d %11d %7d %9d%n", NONE, "-", clean[LOST], clean[DUPLICATED], clean[ALERTS],
        clean[COMMANDS]));
    return t.toString();
  }
}
