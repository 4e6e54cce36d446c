package org.kafkaetl.core.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kafkaetl.core.OffsetIntervals;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.offsets.RangeState;

/**
 * Check 1: per partition, the etl_offsets rows of the window tile the offsets — each begins where
 * the one before ended (also the last row before the window), none overlap — every row is final
 * (COMPLETE or LOST), and LOST rows and etl_lost_ranges agree.
 */
public final class TilingCheck {
  private final String topic;

  public TilingCheck(String topic) {
    this.topic = topic;
  }

  /** Findings and, as notes, the lost offsets (known losses, not problems). */
  public record Result(List<Finding> findings, List<String> notes) {}

  /**
   * @param rows the window's rows, any partitions, any order
   * @param endsBefore per partition, the end of the last row before the window's first; absent when
   *     the window holds the partition's first row
   * @param starts per partition, where etl_partition_starts says it starts
   * @param lost per partition, etl_lost_ranges in offset order
   */
  public Result check(List<RangeRow> rows, Map<Integer, Long> endsBefore, Map<Integer, Long> starts,
      Map<Integer, List<OffsetRange>> lost) {
    List<Finding> findings = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    byPartition(rows).forEach((partition, ofPartition) -> {
      checkTiles(partition, ofPartition, endsBefore.get(partition), starts.get(partition), findings);
      ofPartition.forEach(row -> checkState(row, findings));
      checkLost(partition, ofPartition, lost.getOrDefault(partition, List.of()), findings, notes);
    });
    return new Result(findings, notes);
  }

  private static Map<Integer, List<RangeRow>> byPartition(List<RangeRow> rows) {
    Map<Integer, List<RangeRow>> byPartition = new TreeMap<>();
    rows.forEach(r -> byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r));
    byPartition.values().forEach(l -> l.sort(Comparator.comparingLong(r -> r.range().begin())));
    return byPartition;
  }

  private void checkTiles(int partition, List<RangeRow> rows, Long endBefore, Long start, List<Finding> findings) {
    RangeRow first = rows.get(0);
    if (endBefore != null) {
      compare(partition, endBefore, "the last row before the window (ending at " + endBefore + ")", first, findings);
    } else if (start != null && start < first.range().begin()) {
      findings.add(new Finding(Finding.Kind.GAP, partition, "etl_offsets before " + first.describe(),
          "offsets " + span(start, first.range().begin()) + " are in no row, though etl_partition_starts says"
              + " the partition starts at " + start));
    }
    RangeRow reaching = first;
    for (RangeRow row : rows.subList(1, rows.size())) {
      compare(partition, reaching.range().end(), reaching.describe(), row, findings);
      if (row.range().end() > reaching.range().end()) {
        reaching = row;
      }
    }
  }

  /** {@code row} must begin exactly at {@code end}, where the row(s) before it reach. */
  private static void compare(int partition, long end, String before, RangeRow row, List<Finding> findings) {
    long begin = row.range().begin();
    if (begin > end) {
      findings.add(new Finding(Finding.Kind.GAP, partition, "etl_offsets between " + before + " and " + row.describe(),
          "offsets " + span(end, begin) + " are in no row: never planned, never read"));
    } else if (begin < end) {
      findings.add(new Finding(Finding.Kind.OVERLAP, partition, "etl_offsets " + row.describe() + " and " + before,
          "offsets " + span(begin, Math.min(end, row.range().end())) + " are in two rows: they may land twice"));
    }
  }

  private void checkState(RangeRow row, List<Finding> findings) {
    if (row.state() == RangeState.INCOMPLETE) {
      findings.add(new Finding(Finding.Kind.NOT_FINAL, row.partition(), row.describe(),
          "not all of it landed; run: rerun --topic " + topic + " --partition " + row.partition() + " --hour "
              + row.hour()));
    } else if (!row.state().isFinal()) {
      findings.add(new Finding(Finding.Kind.NOT_FINAL, row.partition(), row.describe(),
          "a run is still reading it or died; the next run settles it (audit again after it)"));
    }
  }

  private static void checkLost(int partition, List<RangeRow> rows, List<OffsetRange> lost, List<Finding> findings,
      List<String> notes) {
    long windowBegin = rows.get(0).range().begin();
    long windowEnd = rows.stream().mapToLong(r -> r.range().end()).max().orElseThrow();
    List<OffsetRange> inWindow = lost.stream().filter(l -> l.begin() < windowEnd && l.end() > windowBegin).toList();
    for (RangeRow row : rows) {
      List<OffsetRange> inRow = inWindow.stream().filter(l -> within(l, row.range())).toList();
      inRow.forEach(l -> notes.add("partition " + partition + ": offsets " + span(l.begin(), l.end())
          + " were deleted by Kafka before they were read (" + row.describe() + ")"));
      if (row.state() == RangeState.LOST && inRow.isEmpty()) {
        findings.add(new Finding(Finding.Kind.LOST_MISMATCH, partition, row.describe(),
            "the row is LOST but etl_lost_ranges records no lost offsets in it"));
      }
      if (row.state() != RangeState.LOST && !inRow.isEmpty()) {
        findings.add(new Finding(Finding.Kind.LOST_MISMATCH, partition, row.describe(),
            "etl_lost_ranges records lost offsets " + inRow + " in it, but the row is " + row.state()));
      }
    }
    for (OffsetRange l : inWindow) {
      if (rows.stream().noneMatch(r -> within(l, r.range()))) {
        findings.add(new Finding(Finding.Kind.LOST_MISMATCH, partition, "etl_lost_ranges " + l,
            "the lost offsets are not inside one etl_offsets row"));
      }
    }
  }

  private static boolean within(OffsetRange inner, OffsetRange outer) {
    return inner.begin() >= outer.begin() && inner.end() <= outer.end();
  }

  /** Offsets [begin, end) as inclusive text, the way findings name offsets. */
  static String span(long begin, long end) {
    OffsetIntervals offsets = new OffsetIntervals();
    offsets.add(begin, end);
    return offsets.toString();
  }
}
