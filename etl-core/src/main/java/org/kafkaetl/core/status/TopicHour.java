package org.kafkaetl.core.status;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;

/**
 * What the bookkeeping says about one topic's hour that has ranges, for the fleet view: the rows of
 * those that did not land (few, so read whole), and which partitions hold landed records no daily
 * file holds yet. Every other range of the hour is COMPLETE.
 *
 * @param notComplete the hour's PLANNED, RUNNING, INCOMPLETE and LOST rows
 * @param unmergedPartitions partitions with a final range whose records are in no daily file
 * @param unmergedDates the data dates of those ranges' hourly files, where known
 */
public record TopicHour(String topic, HourPartition hour, List<RangeRecord> notComplete,
    SortedSet<Integer> unmergedPartitions, SortedSet<LocalDate> unmergedDates) {

  public TopicHour {
    notComplete = List.copyOf(notComplete);
    unmergedPartitions = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(unmergedPartitions));
    unmergedDates = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(unmergedDates));
  }

  /** The same hour with the dates its unmerged hourly files hold. */
  public TopicHour withUnmergedDates(SortedSet<LocalDate> dates) {
    return new TopicHour(topic, hour, notComplete, unmergedPartitions, dates);
  }

  /** The worst state of any of its partitions, as in the grid of {@code status --topic}. */
  public CellState state() {
    return CellState.worstOf(any(RangeState.INCOMPLETE), any(RangeState.PLANNED) || any(RangeState.RUNNING),
        !unmergedPartitions.isEmpty(), any(RangeState.LOST), true);
  }

  /** Partitions with a range in this state, ascending. */
  public List<Integer> partitionsIn(RangeState state) {
    return notComplete.stream().filter(r -> r.state() == state).map(r -> r.event().partition().partition())
        .distinct().sorted().toList();
  }

  private boolean any(RangeState state) {
    return notComplete.stream().anyMatch(r -> r.state() == state);
  }
}
