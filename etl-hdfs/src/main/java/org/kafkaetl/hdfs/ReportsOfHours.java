package org.kafkaetl.hdfs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One {@link HourReports} per hour directory for a reader that looks up many ranges of the same
 * hours (the merge of a day, the audit of a window), possibly from several threads: each topic
 * index is then read once per hour instead of once per range.
 */
public final class ReportsOfHours {
  private final FileSystem fs;
  private final Map<Path, HourReports> hours = new ConcurrentHashMap<>();

  public ReportsOfHours(FileSystem fs) {
    this.fs = fs;
  }

  /** The reports of the hour directory. */
  public HourReports of(Path hourDir) {
    return hours.computeIfAbsent(hourDir, dir -> new HourReports(fs, dir));
  }
}
