package org.kafkaetl.hdfs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.protocol.HdfsFileStatus;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.layout.WorkLayout;

/**
 * The topic indexes of one directory, each read whole at most once while it stays the same file.
 * Every lookup asks the NameNode which file the index is now (one status call) and reads it again
 * only if it is another: a fold replaces an index by renaming a new file over it, so an index kept
 * from before a fold must not answer for a range whose loose report that fold has since moved away.
 * Safe for several threads; one of them reads a topic's index while the others wait for it.
 */
final class TopicIndexes {
  private final FileSystem fs;
  private final Path dir;
  private final UnaryOperator<RangeReport> kept;
  private final Map<String, Read> read = new ConcurrentHashMap<>();

  /** @param kept what is held of each report of an index read (the whole report, or a summary) */
  TopicIndexes(FileSystem fs, Path dir, UnaryOperator<RangeReport> kept) {
    this.fs = fs;
    this.dir = dir;
    this.kept = kept;
  }

  Path path(String topic) {
    return new Path(dir, WorkLayout.topicIndexFile(topic));
  }

  /**
   * The topic's index as it is now; empty when the topic has none.
   *
   * @throws IOException when it cannot be read or is not an index
   */
  Optional<TopicIndex> current(String topic) throws IOException {
    FileStatus status;
    try {
      status = fs.getFileStatus(path(topic));
    } catch (FileNotFoundException e) {
      read.remove(topic);
      return Optional.empty();
    }
    String identity = identity(status);
    try {
      // Opened after the status was taken, so what is read is that file or one that replaced it since.
      return Optional.of(read.compute(topic, (t, held) -> held != null && held.identity().equals(identity)
          ? held : new Read(identity, load(status.getPath()))).index());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private TopicIndex load(Path index) {
    try (InputStream in = fs.open(index)) {
      return TopicIndex.decode(in).map(kept);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Forgets what was read of the topic's index, so the next lookup reads it again. */
  void forget(String topic) {
    read.remove(topic);
  }

  /**
   * Which file this is: on HDFS its inode id, never reused, so equal ids mean the same bytes (an
   * index is written once and renamed into place, never appended); elsewhere its length and
   * modification time, which is all a local file system of tests offers.
   */
  private static String identity(FileStatus status) {
    if (status instanceof HdfsFileStatus hdfs) {
      return "inode " + hdfs.getFileId();
    }
    return status.getLen() + "@" + status.getModificationTime();
  }

  private record Read(String identity, TopicIndex index) {}
}
