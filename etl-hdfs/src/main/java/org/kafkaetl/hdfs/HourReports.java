package org.kafkaetl.hdfs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.coverage.LandedFile;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReportCodec;
import org.kafkaetl.core.layout.WorkLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The range reports of one directory laid out like an hour directory: the hour's own, a rerun's
 * set-aside directory ({@code _earlier/run-<id>/}) or a junk directory. Every reader and mover of a
 * report goes through here, so where reports lie can change in this class alone. A map task writes a
 * range's report through its output sink under {@link WorkLayout#reportFile} and commits it with the
 * range's files, so in the hour directory a report is there exactly when its task committed.
 *
 * <p>Reading distinguishes no report (empty) from one that says nothing usable
 * ({@link UnreadableReportException}): each reader decides what the latter means for it.
 */
public final class HourReports {
  private static final Logger LOG = LoggerFactory.getLogger(HourReports.class);

  private final FileSystem fs;
  private final Path dir;

  /** @param dir an hour directory, or a set-aside or junk directory with the same relative paths */
  public HourReports(FileSystem fs, Path dir) {
    this.fs = fs;
    this.dir = dir;
  }

  /** Where the report of the event's read lies in this directory. */
  public Path path(KafkaEvent event) {
    return new Path(dir, WorkLayout.reportFile(event));
  }

  /**
   * The report of the event's read; empty when there is none.
   *
   * @throws UnreadableReportException when it cannot be read or decoded, or is another range's
   */
  public Optional<RangeReport> read(KafkaEvent event) throws IOException {
    Path path = path(event);
    RangeReport report;
    try (InputStream in = fs.open(path)) {
      report = ReportCodec.decode(in);
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      throw new UnreadableReportException(path.toString(), String.valueOf(e.getMessage()), e);
    }
    if (!report.event().equals(event)) {
      throw new UnreadableReportException(path.toString(), "it is the report of " + report.event(), null);
    }
    return Optional.of(report);
  }

  /**
   * The reports of these events that a listing of this directory found, for coverage: a report that
   * cannot be used is left out (its range then counts as not committed), and one not listed is not
   * looked for (one listing of the hour instead of a lookup per range).
   *
   * @param listed every file of the directory, by its path relative to it
   */
  public Map<KafkaEvent, RangeReport> readListed(Collection<KafkaEvent> events, Set<String> listed)
      throws IOException {
    Map<KafkaEvent, RangeReport> reports = new LinkedHashMap<>();
    for (KafkaEvent event : events) {
      if (!listed.contains(WorkLayout.reportFile(event))) {
        continue;
      }
      try {
        read(event).ifPresent(report -> reports.put(event, report));
      } catch (UnreadableReportException e) {
        // Whether its files are there and hold what it says is coverage's to decide, not this.
        LOG.warn("{}; its range counts as not committed", e.getMessage());
      }
    }
    return reports;
  }

  /**
   * Every report in this directory, keyed by the range each names, and those that cannot be read
   * with why (nothing then says which range they are the read of).
   */
  public AllReports readAll() throws IOException {
    Map<KafkaEvent, RangeReport> reports = new LinkedHashMap<>();
    Map<Path, String> unreadable = new LinkedHashMap<>();
    for (FileStatus file : list()) {
      try (InputStream in = fs.open(file.getPath())) {
        RangeReport report = ReportCodec.decode(in);
        reports.put(report.event(), report);
      } catch (IOException | RuntimeException e) {
        unreadable.put(file.getPath(), String.valueOf(e.getMessage()));
      }
    }
    return new AllReports(reports, unreadable);
  }

  /** The file names of every report in this directory, read or not. */
  public List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus file : list()) {
      names.add(file.getPath().getName());
    }
    return names;
  }

  /**
   * Moves the event's report, if there is one, to the same relative path under {@code junkDir}
   * (where no reader of this class looks unless asked for that directory).
   *
   * @return the path it had relative to this directory (and now has under {@code junkDir}); empty if
   *     there was none
   */
  public Optional<String> moveToJunk(KafkaEvent event, Path junkDir) throws IOException {
    Path from = path(event);
    if (!fs.exists(from)) {
      return Optional.empty();
    }
    Path to = new HourReports(fs, junkDir).path(event);
    fs.mkdirs(to.getParent());
    if (!fs.rename(from, to)) {
      throw new IOException("cannot move " + from + " to " + to);
    }
    return Optional.of(WorkLayout.reportFile(event));
  }

  /**
   * What to move, by path relative to the directory, to set a read aside or put it back: its report
   * first, then every file it names. Setting aside moves them in this order and putting back in the
   * reverse of the report (files first, report last), so a crash in between leaves either a report
   * set aside with some files still in the hour, or files back with the report still aside; both are
   * found and completed from the set-aside directory.
   */
  public static List<String> pathsOfRead(RangeReport report) {
    List<String> paths = new ArrayList<>();
    paths.add(WorkLayout.reportFile(report.event()));
    paths.addAll(filesOfRead(report));
    return paths;
  }

  /**
   * Every data and error file a read's report names; for reports written before they listed their
   * files, the names its dates and error count stand for.
   */
  public static List<String> filesOfRead(RangeReport report) {
    if (!report.files().isEmpty()) {
      return report.files().stream().map(LandedFile::path).toList();
    }
    List<String> paths = new ArrayList<>();
    report.dates().forEach(d -> paths.add(WorkLayout.dataFile(report.event(), LocalDate.parse(d))));
    if (report.errorRecords() > 0) {
      paths.add(WorkLayout.errorFile(report.event()));
    }
    return paths;
  }

  private FileStatus[] list() throws IOException {
    try {
      return fs.listStatus(new Path(dir, WorkLayout.REPORTS_DIR));
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }

  /**
   * @param reports every report that could be read, by the range it names
   * @param unreadable each report file that could not be read, with why
   */
  public record AllReports(Map<KafkaEvent, RangeReport> reports, Map<Path, String> unreadable) {
    public AllReports {
      reports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reports));
      unreadable = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unreadable));
    }
  }
}
