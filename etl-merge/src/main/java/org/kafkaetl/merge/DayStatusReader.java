package org.kafkaetl.merge;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.layout.WarehouseLayout;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.merge.MergeLedger;
import org.kafkaetl.core.merge.MergedHourlyFile;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.status.DayStatus;
import org.kafkaetl.core.status.HourCell;

/**
 * Reads what {@code status} shows for a topic's day: etl_offsets rows of each hour of the day, the
 * hourly files each hour landed (in any date directory, late data included) and which of them the
 * merge ledger holds as they are now (not written again by a rerun since), and the day's
 * {@code _COMPLETE} marker. Reads only; takes no lock.
 */
public final class DayStatusReader {
  private final EtlConfig config;
  private final FileSystem fs;
  private final OffsetStore store;
  private final MergeLedger ledger;
  private final Clock clock;

  public DayStatusReader(EtlConfig config, FileSystem fs, OffsetStore store, MergeLedger ledger, Clock clock) {
    this.config = config;
    this.fs = fs;
    this.store = store;
    this.ledger = ledger;
    this.clock = clock;
  }

  /** @throws IllegalArgumentException for a topic that is not configured */
  public DayStatus read(String topic, LocalDate date) {
    if (config.topic(topic).isEmpty()) {
      throw new IllegalArgumentException("topic '" + topic + "' is not in etl.topics " + config.topicNames());
    }
    // One read of the day's ranges and one of the topic's merged files: per hour, each was a
    // connection and a query, and the ledger's answer held every topic's files of the hour.
    HourPartition first = new HourPartition(date.atStartOfDay());
    HourPartition last = new HourPartition(date.atTime(23, 0));
    Map<HourPartition, List<RangeRecord>> rangesByHour = new java.util.TreeMap<>();
    store.rangesOfHours(topic, first, last).forEach(r -> rangesByHour.computeIfAbsent(r.hour(), h -> new ArrayList<>())
        .add(r));
    Map<String, MergedHourlyFile> merged =
        rangesByHour.isEmpty() ? Map.of() : ledger.mergedHourlyFiles(topic, first, last);
    List<HourCell> cells = new ArrayList<>();
    rangesByHour.forEach((hour, ranges) -> cells.addAll(cellsOf(topic, hour, ranges, merged)));
    HourPartition now = HourPartition.containing(clock.instant(), config.timeZone());
    return DayStatus.of(topic, date, cells, completeRevision(topic, date), now);
  }

  private List<HourCell> cellsOf(String topic, HourPartition hour, List<RangeRecord> ranges,
      Map<String, MergedHourlyFile> merged) {
    Map<Integer, SortedSet<LocalDate>> unmerged = new HashMap<>();
    Map<Integer, SortedSet<LocalDate>> rewritten = new HashMap<>();
    datesNotMerged(topic, hour, merged, unmerged, rewritten);
    Map<Integer, List<RangeRecord>> byPartition = new java.util.TreeMap<>();
    ranges.forEach(r -> byPartition.computeIfAbsent(r.event().partition().partition(), p -> new ArrayList<>()).add(r));
    List<HourCell> cells = new ArrayList<>();
    byPartition.forEach((p, rows) -> cells.add(new HourCell(hour, p, rows, unmerged.getOrDefault(p, new TreeSet<>()),
        rewritten.getOrDefault(p, new TreeSet<>()))));
    return cells;
  }

  /**
   * Per partition, the data dates of the hour's hourly files that no daily file holds ({@code unmerged}),
   * and of those a rerun wrote again after their merge ({@code rewritten}: the same test as cleanup's),
   * with the dates of merged files a rerun removed since (their records are now on another date too).
   */
  private void datesNotMerged(String topic, HourPartition hour, Map<String, MergedHourlyFile> merged,
      Map<Integer, SortedSet<LocalDate>> unmerged, Map<Integer, SortedSet<LocalDate>> rewritten) {
    Path pattern = new Path(new WorkLayout(config.workRoot()).hourDir(hour) + "/" + topic + "/*/*.avro");
    java.util.Set<String> present = new java.util.HashSet<>();
    for (FileStatus file : glob(pattern)) {
      present.add(file.getPath().toString());
      Optional<KafkaEvent> event = WorkLayout.parseDataFileName(file.getPath().getName());
      Optional<LocalDate> date = WorkLayout.parseDateDir(file.getPath().getParent().getName());
      if (event.isEmpty() || date.isEmpty()) {
        continue;
      }
      MergedHourlyFile mergedFile = merged.get(file.getPath().toString());
      Map<Integer, SortedSet<LocalDate>> into = mergedFile == null ? unmerged
          : mergedFile.outOfDate(Instant.ofEpochMilli(file.getModificationTime())) ? rewritten : null;
      if (into != null) {
        into.computeIfAbsent(event.get().partition().partition(), p -> new TreeSet<>()).add(date.get());
      }
    }
    merged.forEach((path, mergedFile) -> {
      Path file = new Path(path);
      Optional<KafkaEvent> event = WorkLayout.parseDataFileName(file.getName());
      Optional<LocalDate> date = WorkLayout.parseDateDir(file.getParent().getName());
      boolean ofThisHour = file.getParent().getParent().getName().equals(topic)
          && file.getParent().getParent().getParent().getName().equals(hour.toString());
      if (ofThisHour && event.isPresent() && date.isPresent() && !present.contains(path) && mergedFile.outOfDate(null)) {
        rewritten.computeIfAbsent(event.get().partition().partition(), p -> new TreeSet<>()).add(date.get());
      }
    });
  }

  private Optional<Integer> completeRevision(String topic, LocalDate date) {
    Path marker = new Path(new WarehouseLayout(config.warehouseRoot()).dayDir(topic, date), DayCompletion.MARKER);
    try {
      return DayCompletion.revision(fs, marker);
    } catch (IOException e) {
      throw new RetriableException("cannot read " + marker + ": " + e.getMessage(), e);
    }
  }

  private FileStatus[] glob(Path pattern) {
    try {
      FileStatus[] found = fs.globStatus(pattern);
      return found == null ? new FileStatus[0] : found;
    } catch (IOException e) {
      throw new RetriableException("cannot list hourly files " + pattern + ": " + e.getMessage(), e);
    }
  }
}
