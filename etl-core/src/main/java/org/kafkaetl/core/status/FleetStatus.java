package org.kafkaetl.core.status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.offsets.RangeState;

/**
 * Every configured topic over a window of hours, as the person on call sees it first: per topic how
 * many hours are in each state, the newest complete hour and the complete days, then everything
 * that needs action with its command, worst first.
 *
 * @param from first hour of the window
 * @param to last hour of the window
 * @param now the current hour: ranges still open, or files not merged, in hours before the previous
 *     one need action (their run died or hangs, their merge failed), as in {@link DayStatus}
 * @param topics the configured topics, in the order shown
 * @param hours the hours of the window that have ranges, any topic and order
 * @param daysComplete per topic, the dates of the window whose day is marked complete
 * @param lag how far each topic is behind Kafka, or why that is not known
 */
public record FleetStatus(HourPartition from, HourPartition to, HourPartition now, List<String> topics,
    List<TopicHour> hours, Map<String, SortedSet<LocalDate>> daysComplete, FleetLag lag) {

  public FleetStatus {
    topics = List.copyOf(topics);
    hours = hours.stream().sorted(Comparator.comparing(TopicHour::hour)).toList();
    daysComplete = Map.copyOf(daysComplete);
    java.util.Objects.requireNonNull(lag, "lag");
  }

  /** A status read from the bookkeeping alone, without asking Kafka. */
  public FleetStatus(HourPartition from, HourPartition to, HourPartition now, List<String> topics,
      List<TopicHour> hours, Map<String, SortedSet<LocalDate>> daysComplete) {
    this(from, to, now, topics, hours, daysComplete, FleetLag.NOT_MEASURED);
  }

  /** The same status with its lag measured. */
  public FleetStatus withLag(FleetLag measured) {
    return new FleetStatus(from, to, now, topics, hours, daysComplete, measured);
  }

  /**
   * One topic's line: hours per state, the newest hour all of whose ranges landed (COMPLETE, or
   * LOST: final either way; merged or not), and the days of the window marked complete.
   */
  public record TopicSummary(String topic, Map<CellState, Integer> hours, Optional<HourPartition> newestCompleteHour,
      SortedSet<LocalDate> daysComplete) {

    public int hoursIn(CellState state) {
      return hours.getOrDefault(state, 0);
    }
  }

  /** How urgent an action is; declared worst first. */
  public enum Urgency {
    /** Ranges did not land: rerun them before Kafka's retention takes what they did not read. */
    INCOMPLETE,
    /** Ranges still planned or running an hour later: their run died or hangs. */
    STUCK,
    /** Landed files no daily file holds: the merge after their run did not finish. */
    NOT_MERGED
  }

  /** Something to do, the hour and topic it is about, and the one command that does it. */
  public record Action(Urgency urgency, String topic, HourPartition hour, String problem, String command) {}

  /** The topics in the configured order; a topic without ranges in the window shows only empty hours. */
  public List<TopicSummary> summaries() {
    Map<String, List<TopicHour>> byTopic = byTopic();
    List<TopicSummary> summaries = new ArrayList<>();
    for (String topic : topics) {
      Map<CellState, Integer> counts = new EnumMap<>(CellState.class);
      Optional<HourPartition> newest = Optional.empty();
      for (TopicHour hour : byTopic.getOrDefault(topic, List.of())) {
        counts.merge(hour.state(), 1, Integer::sum);
        if (hour.notComplete().stream().allMatch(r -> r.state() == RangeState.LOST)) {
          newest = Optional.of(hour.hour());
        }
      }
      int withRanges = counts.values().stream().mapToInt(Integer::intValue).sum();
      counts.merge(CellState.EMPTY, (int) windowHours() - withRanges, Integer::sum);
      summaries.add(new TopicSummary(topic, counts, newest, daysComplete.getOrDefault(topic, new TreeSet<>())));
    }
    return summaries;
  }

  /**
   * Worst first, then oldest hour first (retention takes the oldest first), then by topic: a rerun
   * per topic and hour naming its incomplete partitions, a run per topic whose ranges are stuck, a
   * merge per topic and date not merged.
   */
  public List<Action> actions(FixCommands fix) {
    List<Action> actions = new ArrayList<>();
    Map<String, SortedSet<LocalDate>> unmergedDates = new TreeMap<>();
    Map<String, HourPartition> firstUnmerged = new TreeMap<>();
    Map<String, List<HourPartition>> stuck = new TreeMap<>();
    for (TopicHour hour : hours) {
      List<Integer> incomplete = hour.partitionsIn(RangeState.INCOMPLETE);
      if (!incomplete.isEmpty()) {
        actions.add(new Action(Urgency.INCOMPLETE, hour.topic(), hour.hour(), "hour " + hour.hour() + ": partition(s) "
            + incomplete + " incomplete", fix.rerun(hour.topic(), incomplete, hour.hour())));
      }
      if (!isPast(hour.hour())) {
        continue;
      }
      if (!hour.partitionsIn(RangeState.PLANNED).isEmpty() || !hour.partitionsIn(RangeState.RUNNING).isEmpty()) {
        stuck.computeIfAbsent(hour.topic(), t -> new ArrayList<>()).add(hour.hour());
      }
      if (!hour.unmergedPartitions().isEmpty()) {
        firstUnmerged.putIfAbsent(hour.topic(), hour.hour());
        SortedSet<LocalDate> dates = hour.unmergedDates().isEmpty() ? new TreeSet<>(List.of(hour.hour().date()))
            : hour.unmergedDates();
        unmergedDates.computeIfAbsent(hour.topic(), t -> new TreeSet<>()).addAll(dates);
      }
    }
    stuck.forEach((topic, stuckHours) -> actions.add(new Action(Urgency.STUCK, topic, stuckHours.get(0),
        "ranges of hour(s) " + stuckHours + " are still planned/running: their run died or hangs; the next run"
            + " settles them", fix.run())));
    unmergedDates.forEach((topic, dates) -> dates.forEach(date -> actions.add(new Action(Urgency.NOT_MERGED, topic,
        firstUnmerged.get(topic), "hourly files of " + date + " are not merged", fix.merge(topic, date, null)))));
    actions.sort(Comparator.comparing(Action::urgency).thenComparing(Action::hour).thenComparing(Action::topic));
    return actions;
  }

  public boolean needsAction() {
    return !actions(FixCommands.defaults()).isEmpty();
  }

  /** How many hours the window has. */
  public long windowHours() {
    return java.time.Duration.between(from.start(), to.start()).toHours() + 1;
  }

  private Map<String, List<TopicHour>> byTopic() {
    Map<String, List<TopicHour>> byTopic = new TreeMap<>();
    hours.forEach(h -> byTopic.computeIfAbsent(h.topic(), t -> new ArrayList<>()).add(h));
    return byTopic;
  }

  private boolean isPast(HourPartition hour) {
    return hour.compareTo(now.previous()) < 0;
  }
}
