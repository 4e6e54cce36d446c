package org.kafkaetl.mapreduce.job;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.hdfs.HourReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads of a range that must not count as its read but may hold the only copy of some records (a
 * commit cut short, a read that met a recreated topic's new incarnation): their files are moved,
 * under the same relative paths, to {@code <hour>/_junk/run-<id>.<why>/}, where no merge, audit,
 * coverage check or warehouse reader looks (its name starts with {@code _}), instead of deleted.
 */
final class JunkReads {
  private static final Logger LOG = LoggerFactory.getLogger(JunkReads.class);
  private final FileSystem fs;
  private final Path hourDir;

  JunkReads(FileSystem fs, Path hourDir) {
    this.fs = fs;
    this.hourDir = hourDir;
  }

  /** Where run {@code runId} moves the reads it takes for junk, for reason {@code why} (a word or two). */
  static Path dir(Path hourDir, long runId, String why) {
    return new Path(new Path(hourDir, WorkLayout.JUNK_DIR), "run-" + runId + "." + why);
  }

  /**
   * Moves every file a read of {@code event} left in the hour directory (its report, its data files
   * of every date, its error file) into {@code junkDir}.
   *
   * @return the relative paths moved; empty if the read left nothing
   */
  List<String> move(KafkaEvent event, Path junkDir) throws IOException {
    List<String> moved = new ArrayList<>();
    String dataName = WorkLayout.baseName(event) + ".avro";
    for (FileStatus dateDir : list(new Path(hourDir, event.topic()))) {
      String date = dateDir.getPath().getName();
      if (dateDir.isDirectory() && !date.equals(WorkLayout.ERRORS_DIR)) {
        moveIfThere(event.topic() + "/" + date + "/" + dataName, junkDir, moved);
      }
    }
    moveIfThere(WorkLayout.errorFile(event), junkDir, moved);
    new HourReports(fs, hourDir).moveToJunk(event, junkDir).ifPresent(moved::add);
    return moved;
  }

  /**
   * Moves what a read of {@code event} that is not intact left (some of its files may hold good
   * records) to {@code _junk/run-<id>.not-intact/}, for run {@code runId} about to read it again.
   *
   * @param reported whether the read has a report (whose files are then not the ones it describes)
   * @return what was moved where, if anything was
   */
  java.util.Optional<String> notIntact(long runId, KafkaEvent event, boolean reported) throws IOException {
    Path junkDir = dir(hourDir, runId, "not-intact");
    List<String> moved = move(event, junkDir);
    if (moved.isEmpty()) {
      return java.util.Optional.empty();
    }
    String where = moved.size() + " file(s) of a read " + (reported ? "whose files are not the ones its report"
        + " describes" : "without a report") + " (a commit cut short) moved to " + junkDir;
    LOG.warn("{}: {}", event, where);
    return java.util.Optional.of(where);
  }

  /**
   * Moves what run {@code runId}'s job committed for ranges whose topic was recreated while it read
   * them to {@code _junk/run-<id>.topic-recreated/}.
   *
   * @return for each range, where its files went (or that it had committed none)
   */
  Map<KafkaEvent, String> discardRecreated(long runId, Set<KafkaEvent> events) throws IOException {
    Map<KafkaEvent, String> discarded = new LinkedHashMap<>();
    Path junk = dir(hourDir, runId, "topic-recreated");
    for (KafkaEvent event : events) {
      List<String> moved = move(event, junk);
      discarded.put(event, moved.isEmpty() ? "it had committed nothing" : "its " + moved.size()
          + " committed file(s) moved to " + junk);
      LOG.warn("{}: read discarded, its topic was recreated while the job ran; {}", event, discarded.get(event));
    }
    return discarded;
  }

  private void moveIfThere(String relative, Path junkDir, List<String> moved) throws IOException {
    Path from = new Path(hourDir, relative);
    if (!fs.exists(from)) {
      return;
    }
    Path to = new Path(junkDir, relative);
    fs.mkdirs(to.getParent());
    if (!fs.rename(from, to)) {
      throw new IOException("cannot move " + from + " to " + to);
    }
    moved.add(relative);
  }

  private FileStatus[] list(Path dir) throws IOException {
    try {
      return fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }
}
