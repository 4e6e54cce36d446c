package org.kafkaetl.merge;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.merge.HourlyFile;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;

/**
 * Finds the hourly files holding a topic's records of one date, in every hour directory (late data
 * lands in later hours), and sorts them by whether etl_offsets says their range is final: COMPLETE,
 * or LOST (Kafka deleted part of it; what it still had landed and is merged).
 */
final class HourlyFileIndex {
  private final FileSystem fs;
  private final WorkLayout layout;
  private final OffsetStore store;

  HourlyFileIndex(FileSystem fs, WorkLayout layout, OffsetStore store) {
    this.fs = fs;
    this.layout = layout;
    this.store = store;
  }

  /** Hourly files of a date: the mergeable ones, and the ranges that are not COMPLETE yet. */
  record Listing(List<HourlyFile> complete, List<RangeRecord> notComplete) {}

  Listing list(String topic, LocalDate date) {
    List<HourlyFile> found = find(topic, date);
    Map<HourPartition, Map<KafkaEvent, RangeRecord>> rowsByHour = new HashMap<>();
    List<HourlyFile> complete = new ArrayList<>();
    List<RangeRecord> notComplete = new ArrayList<>();
    for (HourlyFile f : found) {
      Map<KafkaEvent, RangeRecord> rows = rowsByHour.computeIfAbsent(f.hour(), h -> rowsOf(h, topic));
      RangeRecord row = rows.get(f.event());
      if (row != null && (row.state() == RangeState.COMPLETE || row.state() == RangeState.LOST)) {
        complete.add(new HourlyFile(f.event(), f.hour(), f.date(), f.path(), row.incarnation(), f.modifiedAt()));
      } else if (row != null) {
        notComplete.add(row);
      }
    }
    return new Listing(complete, notComplete);
  }

  private Map<KafkaEvent, RangeRecord> rowsOf(HourPartition hour, String topic) {
    Map<KafkaEvent, RangeRecord> rows = new HashMap<>();
    store.rangesOfHour(hour, topic).forEach(r -> rows.put(r.event(), r));
    return rows;
  }

  private List<HourlyFile> find(String topic, LocalDate date) {
    Path pattern = new Path(layout.workRoot() + "/*/" + topic + "/" + date + "/*.avro");
    try {
      FileStatus[] matches = fs.globStatus(pattern);
      List<HourlyFile> files = new ArrayList<>();
      for (FileStatus status : matches == null ? new FileStatus[0] : matches) {
        // its time as listed, before anything reads it: a rerun writing it again after this is then told
        // by cleanup from a time that differs, whichever copy the merge went on to read
        hourlyFile(status.getPath(), date).map(f -> f.withModifiedAt(Instant.ofEpochMilli(status.getModificationTime())))
            .ifPresent(files::add);
      }
      return files;
    } catch (IOException e) {
      throw new RetriableException("cannot list hourly files " + pattern + ": " + e.getMessage(), e);
    }
  }

  private static Optional<HourlyFile> hourlyFile(Path path, LocalDate date) {
    String hourDir = path.getParent().getParent().getParent().getName();
    Optional<KafkaEvent> event = WorkLayout.parseDataFileName(path.getName());
    if (event.isEmpty() || !hourDir.matches("\\d{10}")) {
      return Optional.empty();
    }
    return Optional.of(new HourlyFile(event.get(), HourPartition.parse(hourDir), date, path.toString()));
  }
}
