package org.kafkaetl.core.merge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides, per partition of one (topic, date), which complete hourly files still need appending.
 * Appending keeps offsets increasing in the daily file only when every pending file comes after
 * what the file already holds; otherwise (a range completed late by a rerun) the partition's daily
 * file is rebuilt in offset order.
 */
public final class MergeSelection {
  private MergeSelection() {}

  /** What to do for one partition. */
  public record PartitionWork(int partition, List<HourlyFile> toAppend, boolean rebuild) {
    public boolean isEmpty() {
      return toAppend.isEmpty() && !rebuild;
    }
  }

  public static Map<Integer, PartitionWork> select(List<HourlyFile> complete, List<LedgerEntry> ledger) {
    Set<String> merged = new HashSet<>();
    Map<Integer, HourlyFile> lastMerged = new HashMap<>();
    Comparator<HourlyFile> byEnd = Comparator.comparingInt(HourlyFile::incarnation)
        .thenComparingLong(f -> f.event().range().end());
    for (LedgerEntry e : ledger) {
      merged.add(key(e.hourly()));
      lastMerged.merge(e.hourly().partition(), e.hourly(), (a, b) -> byEnd.compare(a, b) >= 0 ? a : b);
    }
    Map<Integer, List<HourlyFile>> pending = new TreeMap<>();
    for (HourlyFile f : complete) {
      if (!merged.contains(key(f))) {
        pending.computeIfAbsent(f.partition(), p -> new ArrayList<>()).add(f);
      }
    }
    Map<Integer, PartitionWork> work = new TreeMap<>();
    pending.forEach((partition, files) -> {
      files.sort(HourlyFile.IN_OFFSET_ORDER);
      HourlyFile last = lastMerged.get(partition);
      HourlyFile first = files.get(0);
      // A recreated topic's new incarnation comes after everything of the old one, whatever its offsets.
      boolean inOrder = last == null || first.incarnation() > last.incarnation()
          || (first.incarnation() == last.incarnation() && first.event().range().begin() >= last.event().range().end());
      work.put(partition, new PartitionWork(partition, List.copyOf(files), !inOrder));
    });
    return work;
  }

  private static String key(HourlyFile f) {
    return f.incarnation() + ":" + f.event();
  }
}
