package org.kafkaetl.hdfs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.coverage.ReportCodec;

/**
 * Takes a range's report out of an hour directory into another directory (set aside, junk). A
 * report only loose is renamed, one step. A range its topic's index holds cannot be renamed out (the
 * index entry would then count) nor removed from the index (only a fold rewrites it), so the report
 * that counts is copied out first, then a tombstone is renamed over its loose name: a crash between
 * the two leaves the hour as it was and a copy outside it, which the callers already handle as "the
 * report was not moved yet".
 */
final class ReportTakeOut {
  private final FileSystem fs;
  private final HourReports hour;
  private final TopicIndexes indexes;

  ReportTakeOut(FileSystem fs, HourReports hour, TopicIndexes indexes) {
    this.fs = fs;
    this.hour = hour;
    this.indexes = indexes;
  }

  /**
   * @param copies how a copy is written where the name is taken: false fails, true writes it under
   *     the next free numbered name (junk, where an earlier attempt's copy may be)
   * @param scratch a directory of the caller's where the tombstone is written before it is renamed
   *     into place
   * @return whether a report was taken out
   */
  boolean takeOut(KafkaEvent event, Path to, Path scratch, boolean copies) throws IOException {
    Path from = hour.path(event);
    if (tombstoned(from)) {
      // Already out of the hour: nothing to copy, and no directory made for nothing.
      return false;
    }
    if (!indexed(event)) {
      if (!fs.exists(from)) {
        return false;
      }
      fs.mkdirs(to.getParent());
      if (!fs.rename(from, to)) {
        throw new IOException("cannot move " + from + " to " + to);
      }
      return true;
    }
    Optional<byte[]> counting = counting(event, from);
    if (counting.isPresent()) {
      write(counting.get(), copies ? free(to) : to, false);
    }
    Path tombstone = new Path(scratch, from.getName());
    write(LooseReports.TOMBSTONE, tombstone, true);
    replace(tombstone, from);
    return counting.isPresent();
  }

  /**
   * Whether the topic's index holds the range; one that is not an index is taken to hold it (a
   * tombstone is then harmless), one that cannot be read now stops the caller before anything moves.
   */
  private boolean indexed(KafkaEvent event) throws IOException {
    try {
      return indexes.current(event.topic()).map(index -> index.has(event)).orElse(false);
    } catch (TopicIndex.NotAnIndexException e) {
      return true;
    }
  }

  private boolean tombstoned(Path loose) throws IOException {
    try (InputStream in = fs.open(loose)) {
      return LooseReports.decode(in).isEmpty();
    } catch (FileNotFoundException e) {
      return false;
    } catch (IOException | RuntimeException unreadable) {
      return false;
    }
  }

  /** The bytes of the report that counts: the loose file as it is (even unreadable), else the entry. */
  private Optional<byte[]> counting(KafkaEvent event, Path loose) throws IOException {
    byte[] bytes;
    try (InputStream in = fs.open(loose)) {
      bytes = in.readAllBytes();
    } catch (FileNotFoundException e) {
      return indexes.current(event.topic()).flatMap(index -> index.get(event)).map(ReportCodec::encode);
    }
    try {
      if (LooseReports.decode(new java.io.ByteArrayInputStream(bytes)).isEmpty()) {
        return Optional.empty();
      }
    } catch (IOException | RuntimeException unreadable) {
      // copied as it is: a person may still make something of it
    }
    return Optional.of(bytes);
  }

  private Path free(Path to) throws IOException {
    Path candidate = to;
    for (int n = 2; fs.exists(candidate); n++) {
      candidate = new Path(to.getParent(), to.getName() + "." + n);
    }
    return candidate;
  }

  private void write(byte[] bytes, Path to, boolean overwrite) throws IOException {
    fs.mkdirs(to.getParent());
    try (OutputStream out = fs.create(to, overwrite)) {
      out.write(bytes);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("cannot write " + to + ": a file of that name is already there", e);
    }
  }

  private void replace(Path from, Path to) throws IOException {
    FileSteps.replace(fs, from, to);
  }
}
