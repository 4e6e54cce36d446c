package org.kafkaetl.core.merge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.kafkaetl.core.KafkaEvent;

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
    Set<KafkaEvent> merged = new HashSet<>();
    Map<Integer, Long> mergedEnd = new HashMap<>();
    for (LedgerEntry e : ledger) {
      merged.add(e.hourly().event());
      mergedEnd.merge(e.hourly().partition(), e.hourly().event().range().end(), Math::max);
    }
    Map<Integer, List<HourlyFile>> pending = new TreeMap<>();
    for (HourlyFile f : complete) {
      if (!merged.contains(f.event())) {
        pending.computeIfAbsent(f.partition(), p -> new ArrayList<>()).add(f);
      }
    }
    Map<Integer, PartitionWork> work = new TreeMap<>();
    pending.forEach((partition, files) -> {
      files.sort(Comparator.comparingLong(f -> f.event().range().begin()));
      long end = mergedEnd.getOrDefault(partition, Long.MIN_VALUE);
      boolean inOrder = files.get(0).event().range().begin() >= end;
      work.put(partition, new PartitionWork(partition, List.copyOf(files), !inOrder));
    });
    return work;
  }
}
