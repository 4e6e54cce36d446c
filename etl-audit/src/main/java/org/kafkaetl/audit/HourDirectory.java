package org.kafkaetl.audit;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.audit.LandedNames;
import org.kafkaetl.core.audit.LandedNames.RangeFile;

/**
 * One topic's files in one hour directory ({@code <hour>/<topic>/<date>/…} and {@code
 * <hour>/<topic>/_errors/…}), sorted by the range their names carry. Ranges take their files out;
 * what no range takes is left over and reported.
 */
final class HourDirectory {
  /** A data file: the event date directory it is in and its path. */
  record DataFile(Path path, LocalDate date) {}

  private final Map<RangeFile, List<DataFile>> data = new HashMap<>();
  private final Map<RangeFile, Path> errors = new HashMap<>();
  private final List<Path> unexpected = new ArrayList<>();

  /** The topic's files in {@code hourDir}; empty if the hour directory does not exist. */
  static Optional<HourDirectory> list(FileSystem fs, Path hourDir, String topic, LandedNames names) throws IOException {
    if (!fs.exists(hourDir)) {
      return Optional.empty();
    }
    HourDirectory dir = new HourDirectory();
    Path topicDir = new Path(hourDir, topic);
    if (!fs.exists(topicDir)) {
      return Optional.of(dir);
    }
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(topicDir, true);
    while (files.hasNext()) {
      Path path = files.next().getPath();
      if (!path.getName().startsWith(".")) {
        dir.add(path, path.getParent().getName(), names);
      }
    }
    return Optional.of(dir);
  }

  private void add(Path path, String parentName, LandedNames names) {
    if (parentName.equals("_errors")) {
      names.errorFile(path.getName()).ifPresentOrElse(f -> errors.put(f, path), () -> unexpected.add(path));
      return;
    }
    Optional<LocalDate> date = date(parentName);
    Optional<RangeFile> named = names.dataFile(path.getName());
    if (date.isPresent() && named.isPresent()) {
      data.computeIfAbsent(named.get(), f -> new ArrayList<>()).add(new DataFile(path, date.get()));
    } else {
      unexpected.add(path);
    }
  }

  private static Optional<LocalDate> date(String name) {
    try {
      return Optional.of(LocalDate.parse(name));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Takes the data files of one range (one per event date). */
  List<DataFile> takeData(int partition, OffsetRange range) {
    List<DataFile> files = data.remove(new RangeFile(partition, range));
    return files == null ? List.of() : files;
  }

  /** Takes the error file of one range, if it has one. */
  Optional<Path> takeErrors(int partition, OffsetRange range) {
    return Optional.ofNullable(errors.remove(new RangeFile(partition, range)));
  }

  /** Files no range took, and files whose names the layout does not know. */
  List<Path> leftovers() {
    List<Path> left = new ArrayList<>(unexpected);
    data.values().forEach(files -> files.forEach(f -> left.add(f.path())));
    left.addAll(errors.values());
    return left;
  }
}
