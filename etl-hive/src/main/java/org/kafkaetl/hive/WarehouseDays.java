package org.kafkaetl.hive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.layout.WarehouseLayout;

/**
 * What the warehouse holds for publishing, read from the files themselves so the register command,
 * the retry and the merge's own call all see the same: a day's completion marker and merged data, and
 * the topic's newest landed schema.
 */
final class WarehouseDays {
  /** A daily file: topic.partition.avro or topic.partition.part-n.avro; anything hidden is not data. */
  private static final Pattern DAILY = Pattern.compile("[^._][^/]*?\\.(\\d+)(?:\\.part-(\\d+))?\\.avro");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSystem fs;
  private final WarehouseLayout layout;

  WarehouseDays(FileSystem fs, WarehouseLayout layout) {
    this.fs = fs;
    this.layout = layout;
  }

  /**
   * A day as the warehouse shows it.
   *
   * @param location the day directory as a full URI
   * @param hasData whether it holds a daily file
   * @param complete whether its completion marker is written
   * @param revision the marker's revision; 0 without a marker
   * @param records the records the marker counts; 0 without a marker
   */
  record Day(String location, boolean hasData, boolean complete, int revision, long records) {}

  Day day(String topic, LocalDate date) {
    Path dir = new Path(layout.dayDir(topic, date));
    try {
      String location = fs.makeQualified(dir).toString();
      if (!fs.exists(dir)) {
        return new Day(location, false, false, 0, 0);
      }
      boolean hasData = Arrays.stream(fs.listStatus(dir)).anyMatch(s -> DAILY.matcher(s.getPath().getName()).matches());
      Path marker = new Path(dir, WarehouseLayout.COMPLETE_MARKER);
      if (!fs.exists(marker)) {
        return new Day(location, hasData, false, 0, 0);
      }
      try (InputStream in = fs.open(marker)) {
        JsonNode n = JSON.readTree(in);
        return new Day(location, hasData, true, n.path("revision").asInt(0), n.path("records").asLong(0));
      }
    } catch (IOException e) {
      throw new RetriableException("cannot read " + dir + " to publish it: " + e.getMessage(), e);
    }
  }

  /** The topic's warehouse directory as a full URI: the table's location. */
  String topicLocation(String topic) {
    return fs.makeQualified(new Path(layout.dayDir(topic, LocalDate.EPOCH)).getParent()).toString();
  }

  /**
   * The schema of the newest daily file of the topic's newest day with data (the highest part, then
   * the last written): what the topic lands now, and so what the table reads every day with.
   */
  Optional<Schema> newestSchema(String topic) {
    Path topicDir = new Path(topicLocation(topic));
    try {
      if (!fs.exists(topicDir)) {
        return Optional.empty();
      }
      FileStatus[] days = fs.listStatus(topicDir, p -> isDate(p.getName()));
      Arrays.sort(days, Comparator.comparing((FileStatus s) -> s.getPath().getName()).reversed());
      for (FileStatus day : days) {
        Optional<FileStatus> newest = Arrays.stream(fs.listStatus(day.getPath()))
            .filter(s -> DAILY.matcher(s.getPath().getName()).matches())
            .max(Comparator.comparingInt((FileStatus s) -> part(s.getPath().getName()))
                .thenComparingLong(FileStatus::getModificationTime));
        if (newest.isPresent()) {
          return Optional.of(schema(newest.get().getPath()));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new RetriableException("cannot read the schema of " + topic + "'s daily files: " + e.getMessage(), e);
    }
  }

  /** A daily file of a day and the schema it was written with. */
  record DailyFile(String name, Schema schema) {}

  /** The day's daily files (hidden files are not data), by name. */
  java.util.List<DailyFile> dailyFiles(String topic, LocalDate date) {
    Path dir = new Path(layout.dayDir(topic, date));
    try {
      if (!fs.exists(dir)) {
        return java.util.List.of();
      }
      java.util.List<DailyFile> files = new java.util.ArrayList<>();
      for (FileStatus s : fs.listStatus(dir)) {
        if (DAILY.matcher(s.getPath().getName()).matches()) {
          files.add(new DailyFile(s.getPath().getName(), schema(s.getPath())));
        }
      }
      files.sort(Comparator.comparing(DailyFile::name));
      return files;
    } catch (IOException e) {
      throw new RetriableException("cannot read the daily files of " + topic + " " + date + ": " + e.getMessage(), e);
    }
  }

  private Schema schema(Path file) throws IOException {
    try (InputStream in = fs.open(file);
        DataFileStream<GenericRecord> avro = new DataFileStream<>(in, new GenericDatumReader<>())) {
      return avro.getSchema();
    } catch (FileNotFoundException e) {
      throw new IOException(file + " went away while it was read (a rebuild?); the next pass reads it again", e);
    }
  }

  private static int part(String name) {
    Matcher m = DAILY.matcher(name);
    return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
  }

  private static boolean isDate(String name) {
    try {
      LocalDate.parse(name);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
