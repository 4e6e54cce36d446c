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
import java.util.function.UnaryOperator;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.RetriableException;
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
 * <p>After a run, its hour's loose reports may be folded into one index per topic
 * ({@link TopicIndex}). The report that counts for a range is then its loose file if there is one
 * (none if that is a tombstone), else its index entry, else none; set-aside and junk directories
 * only ever receive loose copies. A fold never changes which report counts, so readers here see what
 * they would have seen had the hour never been folded.
 *
 * <p>Reading distinguishes no report (empty) from one that says nothing usable
 * ({@link UnreadableReportException}): each reader decides what the latter means for it.
 */
public final class HourReports {
  private static final Logger LOG = LoggerFactory.getLogger(HourReports.class);
  /**
   * Under the hour's {@code _attempts}, where a tombstone for junk is written before it replaces a
   * loose report: no run's directory (a dead run's is fenced), never fenced, removed with the hour.
   */
  private static final String TOMBSTONE_SCRATCH = "_tombstones";

  private final FileSystem fs;
  private final Path dir;
  private final TopicIndexes indexes;
  private final ReportTakeOut takeOut;

  /** @param dir an hour directory, or a set-aside or junk directory with the same relative paths */
  public HourReports(FileSystem fs, Path dir) {
    this(fs, dir, UnaryOperator.identity());
  }

  /**
   * Reports of an hour that holds of each indexed report only what {@code kept} leaves of it: for
   * readers that look up only some of a report and hold many hours (see {@link ReportsOfHours}).
   * Never give one to a caller that moves or copies reports: a copy would be the part kept.
   */
  HourReports(FileSystem fs, Path dir, UnaryOperator<RangeReport> kept) {
    this.fs = fs;
    this.dir = dir;
    this.indexes = new TopicIndexes(fs, dir, kept);
    this.takeOut = new ReportTakeOut(fs, this, indexes);
  }

  /** Where the report of the event's read lies in this directory. */
  public Path path(KafkaEvent event) {
    return new Path(dir, WorkLayout.reportFile(event));
  }

  /**
   * The report that counts for the event's range, E(R): its loose report if there is one (none if
   * that is a tombstone), else its entry in its topic's index, else none. A lookup that fails other
   * than by finding nothing is tried once more, whole: a fold may have replaced the index while it
   * was being read.
   *
   * @throws UnreadableReportException when it cannot be read or decoded, or is another range's
   * @throws RetriableException when its topic's index could not be read (twice)
   */
  public Optional<RangeReport> read(KafkaEvent event) throws IOException {
    return twice(event, path(event), () -> lookUp(event));
  }

  /**
   * Runs a lookup, and once more, whole, if it fails other than by finding nothing. An index that
   * then still cannot be read (an I/O failure, not bytes that are no index) stops the caller with a
   * {@link RetriableException}: it stands for every indexed range of its topic, which must not all
   * count as uncommitted (and be taken to junk) because a block could not be read for a moment.
   */
  private Optional<RangeReport> twice(KafkaEvent event, Path where, Lookup lookup) throws IOException {
    try {
      return lookup.run();
    } catch (UnreadableReportException e) {
      throw e;
    } catch (IOException | RuntimeException first) {
      indexes.forget(event.topic());
      try {
        return lookup.run();
      } catch (UnreadableReportException e) {
        throw e;
      } catch (IndexFailure e) {
        if (!(e.getCause() instanceof TopicIndex.NotAnIndexException)) {
          throw new RetriableException("cannot read " + e.getMessage() + "; nothing was decided from it", e);
        }
        throw new UnreadableReportException(e.index.toString(), String.valueOf(e.getCause().getMessage()), e);
      } catch (IOException | RuntimeException e) {
        throw new UnreadableReportException(where.toString(), String.valueOf(e.getMessage()), e);
      }
    }
  }

  /**
   * The loose file first, then, if there is none, the index: a fold renames the new index into
   * place before it moves any loose report it folded away, so a lookup whose loose file is gone
   * finds the report in the index it then reads.
   */
  private Optional<RangeReport> lookUp(KafkaEvent event) throws IOException {
    Path path = path(event);
    Optional<RangeReport> report;
    try (InputStream in = fs.open(path)) {
      report = LooseReports.decode(in);
    } catch (FileNotFoundException e) {
      report = fromIndex(event);
      path = indexes.path(event.topic());
    }
    if (report.isPresent() && !report.get().event().equals(event)) {
      throw new UnreadableReportException(path.toString(), "it is the report of " + report.get().event(), null);
    }
    return report;
  }

  private Optional<RangeReport> fromIndex(KafkaEvent event) throws IOException {
    try {
      return indexes.current(event.topic()).flatMap(index -> index.get(event));
    } catch (IOException e) {
      throw new IndexFailure(indexes.path(event.topic()), e);
    }
  }

  /** A topic index that could not be read or decoded, naming it. */
  private static final class IndexFailure extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path index;

    IndexFailure(Path index, IOException cause) {
      super("topic index " + index + ": " + cause.getMessage(), cause);
      this.index = index;
    }
  }

  /** One lookup of a report, as {@link #twice} repeats it. */
  private interface Lookup {
    Optional<RangeReport> run() throws IOException;
  }

  /**
   * The reports that count for these events as a listing of this directory found them, for
   * coverage: a report that cannot be used is left out (its range then counts as not committed),
   * and a range with neither a listed loose report nor a listed index of its topic is not looked
   * for (one listing of the hour instead of a lookup per range). Each topic index is read once.
   *
   * @param listed every file of the directory, by its path relative to it
   */
  public Map<KafkaEvent, RangeReport> readListed(Collection<KafkaEvent> events, Set<String> listed)
      throws IOException {
    Map<KafkaEvent, RangeReport> reports = new LinkedHashMap<>();
    for (KafkaEvent event : events) {
      if (!listed.contains(WorkLayout.reportFile(event))
          && !listed.contains(WorkLayout.topicIndexFile(event.topic()))) {
        continue;
      }
      try {
        Optional<RangeReport> found = listed.contains(WorkLayout.reportFile(event)) ? read(event)
            : twice(event, indexes.path(event.topic()), () -> fromIndex(event));
        found.ifPresent(report -> reports.put(event, report));
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
      if (!file.isFile()) {
        continue;
      }
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
      if (!file.isFile()) {
        continue;
      }
      names.add(file.getPath().getName());
    }
    return names;
  }

  /**
   * Takes the event's report, if one counts or lies loose, out to the same relative path under
   * {@code junkDir} (where no reader of this class looks unless asked for that directory); see
   * {@link ReportTakeOut}. A copy an earlier attempt left there is kept beside it.
   *
   * @return the path it had relative to this directory (and now has under {@code junkDir}); empty if
   *     there was none
   */
  public Optional<String> moveToJunk(KafkaEvent event, Path junkDir) throws IOException {
    Path to = new HourReports(fs, junkDir).path(event);
    // Not in the junk directory: one made for a tombstone alone would keep the hour from cleanup.
    Path scratch = new Path(new Path(dir, WorkLayout.ATTEMPTS_DIR), TOMBSTONE_SCRATCH);
    boolean moved = takeOut.takeOut(event, to, scratch, true);
    return moved ? Optional.of(WorkLayout.reportFile(event)) : Optional.empty();
  }

  /**
   * Sets the event's report aside to the same relative path under {@code asideDir}: after this,
   * none counts here and the one that counted is there; see {@link ReportTakeOut}.
   *
   * @param scratch a directory of the caller's own where a tombstone is written before it is renamed
   *     into place
   * @throws IOException when there was none, or a report of the range is already aside there
   */
  public void setAside(KafkaEvent event, Path asideDir, Path scratch) throws IOException {
    Path to = new HourReports(fs, asideDir).path(event);
    if (!takeOut.takeOut(event, to, scratch, false)) {
      throw new IOException("cannot set the report of " + event + " aside: there is none at " + path(event));
    }
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
