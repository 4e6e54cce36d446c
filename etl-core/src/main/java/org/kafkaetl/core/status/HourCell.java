package org.kafkaetl.core.status;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;

/**
 * One partition's ranges of one hour and how far their hourly files got into the daily files.
 *
 * @param ranges the etl_offsets rows of this hour and partition, in offset order
 * @param unmergedDates data dates of this hour's hourly files that no daily file holds yet
 * @param rewrittenDates data dates of this hour's hourly files that a rerun wrote again after their
 *     merge: the daily file holds the older copy until the day is rebuilt, so they are not merged
 */
public record HourCell(HourPartition hour, int partition, List<RangeRecord> ranges, SortedSet<LocalDate> unmergedDates,
    SortedSet<LocalDate> rewrittenDates) {
  public HourCell {
    ranges = List.copyOf(ranges);
    unmergedDates = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(unmergedDates));
    rewrittenDates = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(rewrittenDates));
  }

  /** A cell none of whose merged files was written again since. */
  public HourCell(HourPartition hour, int partition, List<RangeRecord> ranges, SortedSet<LocalDate> unmergedDates) {
    this(hour, partition, ranges, unmergedDates, new TreeSet<>());
  }

  public CellState state() {
    return CellState.worstOf(any(RangeState.INCOMPLETE), any(RangeState.PLANNED) || any(RangeState.RUNNING),
        !ranges.isEmpty() && !(unmergedDates.isEmpty() && rewrittenDates.isEmpty()), any(RangeState.LOST),
        !ranges.isEmpty());
  }

  public long records() {
    return ranges.stream().mapToLong(RangeRecord::records).sum();
  }

  public long decodeErrors() {
    return ranges.stream().mapToLong(RangeRecord::decodeErrors).sum();
  }

  /** One line per range: offsets, state, how far it got and why it stopped. */
  public List<String> describeRanges() {
    return ranges.stream().map(HourCell::describe).toList();
  }

  private static String describe(RangeRecord r) {
    StringBuilder line = new StringBuilder()
        .append(r.event().range()).append(' ').append(r.state())
        .append(", ").append(r.records()).append(" records");
    if (r.decodeErrors() > 0) {
      line.append(", ").append(r.decodeErrors()).append(" undecodable");
    }
    if (r.state() == RangeState.INCOMPLETE) {
      line.append(", reached ").append(r.reached());
    }
    if (r.detail() != null && !r.detail().isBlank()) {
      line.append(": ").append(r.detail());
    }
    return line.toString();
  }

  private boolean any(RangeState state) {
    return ranges.stream().anyMatch(r -> r.state() == state);
  }
}
