package org.kafkaetl.core.status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.FixCommands;

/**
 * A topic's day as the person on call sees it: one cell per hour of the day and Kafka partition,
 * whether the day is marked complete, and what needs doing.
 *
 * @param cells by hour, then partition; every hour of the day and every partition seen that day
 * @param completeRevision the revision of the day's {@code _COMPLETE} marker, if written
 * @param now the current hour: ranges still open, or files not merged, in hours before the previous
 *     one need action (their run died or hangs, their merge failed)
 */
public record DayStatus(String topic, LocalDate date, Map<HourPartition, Map<Integer, HourCell>> cells,
    Optional<Integer> completeRevision, HourPartition now) {

  public DayStatus {
    Map<HourPartition, Map<Integer, HourCell>> copy = new TreeMap<>();
    cells.forEach((hour, row) -> copy.put(hour, java.util.Collections.unmodifiableMap(new TreeMap<>(row))));
    cells = java.util.Collections.unmodifiableMap(copy);
  }

  /** Builds the grid from the cells that have ranges; every other hour and partition is EMPTY. */
  public static DayStatus of(String topic, LocalDate date, List<HourCell> found, Optional<Integer> completeRevision,
      HourPartition now) {
    SortedSet<Integer> partitions = found.stream().map(HourCell::partition).collect(Collectors.toCollection(TreeSet::new));
    Map<HourPartition, Map<Integer, HourCell>> grid = new TreeMap<>();
    for (int h = 0; h < 24; h++) {
      HourPartition hour = new HourPartition(date.atTime(h, 0));
      Map<Integer, HourCell> row = new TreeMap<>();
      partitions.forEach(p -> row.put(p, new HourCell(hour, p, List.of(), new TreeSet<>())));
      grid.put(hour, row);
    }
    found.forEach(cell -> grid.computeIfAbsent(cell.hour(), h -> new TreeMap<>()).put(cell.partition(), cell));
    return new DayStatus(topic, date, grid, completeRevision, now);
  }

  public SortedSet<Integer> partitions() {
    return cells.values().stream().flatMap(row -> row.keySet().stream()).collect(Collectors.toCollection(TreeSet::new));
  }

  /** How many cells are in each state. */
  public Map<CellState, Integer> counts() {
    Map<CellState, Integer> counts = new java.util.EnumMap<>(CellState.class);
    cells.values().forEach(row -> row.values().forEach(c -> counts.merge(c.state(), 1, Integer::sum)));
    return counts;
  }

  /**
   * Where a partition's ranges move to a later incarnation of the topic during the day (the topic
   * was deleted and created again, its offsets restarted): "hour H partition P: topic recreated
   * (id X -> Y), incarnation N from offset B".
   */
  public List<String> incarnationChanges() {
    List<String> changes = new ArrayList<>();
    Map<Integer, org.kafkaetl.core.offsets.RangeRecord> last = new TreeMap<>();
    cells.forEach((hour, row) -> row.values().forEach(c -> c.ranges().stream()
        .sorted(java.util.Comparator.comparingInt(org.kafkaetl.core.offsets.RangeRecord::incarnation))
        .forEach(r -> {
          org.kafkaetl.core.offsets.RangeRecord before = last.put(c.partition(), r);
          if (before != null && r.incarnation() > before.incarnation()) {
            changes.add("hour " + hour + " partition " + c.partition() + ": topic recreated (id " + before.topicId()
                + " -> " + r.topicId() + "), incarnation " + r.incarnation() + " from offset " + r.event().range().begin());
          }
        })));
    return changes;
  }

  /** Something an operator has to do, and the command that does it. */
  public record Action(String problem, String command) {}

  /** What needs doing, most urgent first: reruns per hour, merges (or rebuilds) per date, stale runs. */
  public List<Action> actions(FixCommands fix) {
    List<Action> actions = new ArrayList<>();
    SortedSet<LocalDate> unmergedDates = new TreeSet<>();
    SortedSet<LocalDate> rewrittenDates = new TreeSet<>();
    List<HourPartition> staleHours = new ArrayList<>();
    cells.forEach((hour, row) -> {
      List<Integer> incomplete = partitionsIn(row, CellState.INCOMPLETE);
      if (!incomplete.isEmpty()) {
        actions.add(new Action("hour " + hour + ": partition(s) " + incomplete + " incomplete",
            fix.rerun(topic, incomplete, hour)));
      }
      if (!partitionsIn(row, CellState.OPEN).isEmpty() && isPast(hour)) {
        staleHours.add(hour);
      }
      row.values().forEach(c -> {
        if (c.state() == CellState.UNMERGED && isPast(hour)) {
          unmergedDates.addAll(c.unmergedDates());
          rewrittenDates.addAll(c.rewrittenDates());
        }
      });
    });
    // a rebuild also appends what is not merged yet: one command per date
    unmergedDates.removeAll(rewrittenDates);
    unmergedDates.forEach(d -> actions.add(new Action("hourly files of " + d + " are not merged", fix.merge(topic, d, null))));
    rewrittenDates.forEach(d -> actions.add(new Action("hourly files of " + d + " were written again by a rerun after"
        + " their merge: the daily files hold the older copy", fix.rebuild(topic, d, null))));
    if (!staleHours.isEmpty()) {
      actions.add(new Action("ranges of hour(s) " + staleHours + " are still planned/running: their run died or hangs;"
          + " the next run settles them", fix.run()));
    }
    return actions;
  }

  public boolean needsAction() {
    return !actions(FixCommands.defaults()).isEmpty();
  }

  /** Hours before the previous one: their run and the merge after it had a whole hour to finish. */
  private boolean isPast(HourPartition hour) {
    return hour.compareTo(now.previous()) < 0;
  }

  private static List<Integer> partitionsIn(Map<Integer, HourCell> row, CellState state) {
    return row.values().stream().filter(c -> c.state() == state).map(HourCell::partition).toList();
  }
}
