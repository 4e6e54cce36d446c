package org.kafkaetl.mapreduce.job;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.coverage.CommittedReports;
import org.kafkaetl.core.coverage.LandedFile;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReportCodec;
import org.kafkaetl.core.coverage.Supersession;
import org.kafkaetl.core.layout.WorkLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The earlier read of ranges that are read again. Deleting it before the new read would lose its
 * records if the new read then failed, or found that Kafka had deleted them meanwhile; so an intact
 * earlier read (a report whose files are there as it describes them) is moved aside to
 * {@code <hour>/_earlier/run-<id>/}, under the same relative paths, while the new read runs. A
 * resuming read copies it from there into its own files. Afterwards the new read stands only if it
 * keeps every offset the earlier one accounted for ({@link Supersession}); otherwise the earlier read
 * is moved back. A driver that dies in between leaves the directory for {@link #recover} to settle
 * the same way. Reads that are not intact (a commit cut short) are junk and simply removed.
 */
final class EarlierReads {
  private static final Logger LOG = LoggerFactory.getLogger(EarlierReads.class);
  private static final java.util.regex.Pattern RUN_DIR = java.util.regex.Pattern.compile("run-(\\d+)");

  private final FileSystem fs;
  private final Configuration conf;
  private final Path hourDir;
  private final Function<List<KafkaEvent>, CommittedReports> committed;

  /** @param committed the hour directory's committed reports for some events, read afresh each call */
  EarlierReads(Configuration conf, Path hourDir, Function<List<KafkaEvent>, CommittedReports> committed)
      throws IOException {
    this.fs = hourDir.getFileSystem(conf);
    this.conf = conf;
    this.hourDir = hourDir;
    this.committed = committed;
  }

  /** Where run {@code runId} keeps the earlier reads of the ranges it reads again. */
  static Path dir(Path hourDir, long runId) {
    return new Path(new Path(hourDir, WorkLayout.EARLIER_DIR), "run-" + runId);
  }

  /** The earlier read of one event that run {@code runId} set aside, as its report describes it. */
  static RangeReport report(FileSystem fs, Path hourDir, long runId, KafkaEvent event) throws IOException {
    try (InputStream in = fs.open(new Path(dir(hourDir, runId), WorkLayout.reportFile(event)))) {
      return ReportCodec.decode(in);
    }
  }

  /**
   * Settles what runs other than {@code ownRunId} left aside (they died before settling it): each
   * earlier read is dropped where the hour now holds an intact read that supersedes it, and moved
   * back otherwise. Only while no job of those runs can still commit (stopped and fenced).
   *
   * @return one line per range settled, for the log
   */
  List<String> recover(long ownRunId) {
    List<String> settled = new ArrayList<>();
    try {
      for (FileStatus run : list(new Path(hourDir, WorkLayout.EARLIER_DIR))) {
        java.util.regex.Matcher m = RUN_DIR.matcher(run.getPath().getName());
        if (!run.isDirectory() || !m.matches() || Long.parseLong(m.group(1)) == ownRunId) {
          continue;
        }
        Map<KafkaEvent, RangeReport> aside = new HashMap<>();
        boolean readable = reportsIn(run.getPath(), aside);
        Map<KafkaEvent, String> kept = settle(run.getPath(), aside, committed.apply(List.copyOf(aside.keySet())));
        aside.keySet().forEach(e -> settled.add(e + (kept.containsKey(e)
            ? ": moved back the earlier read dead " + run.getPath().getName() + " had set aside (" + kept.get(e) + ")"
            : ": dropped the earlier read dead " + run.getPath().getName() + " had set aside; a later read keeps it all")));
        if (!readable) {
          continue;
        }
        fs.delete(run.getPath(), true);
      }
    } catch (IOException e) {
      throw new RetriableException("cannot settle earlier reads left under " + hourDir + ": " + e.getMessage(), e);
    }
    settled.forEach(line -> LOG.warn("{}", line));
    return settled;
  }

  /**
   * Moves the intact earlier read of each event aside for run {@code runId} and removes whatever
   * else an earlier read of it left (so nothing of it can be taken for the new read's).
   *
   * @return the reports of the reads set aside
   */
  Map<KafkaEvent, RangeReport> setAside(long runId, List<KafkaEvent> events) {
    Path aside = dir(hourDir, runId);
    CommittedReports current = committed.apply(events);
    Map<KafkaEvent, RangeReport> setAside = new LinkedHashMap<>();
    try {
      for (KafkaEvent event : events) {
        Optional<RangeReport> intact = current.intact(event);
        if (intact.isPresent()) {
          // The report first: a crash after it leaves a report aside whose files are partly back
          // here, which recover() completes from both places.
          for (String path : paths(intact.get())) {
            move(new Path(hourDir, path), new Path(aside, path));
          }
          setAside.put(event, intact.get());
        }
        fs.delete(new Path(hourDir, WorkLayout.reportFile(event)), false);
      }
    } catch (IOException e) {
      throw new RetriableException("cannot set the earlier reads under " + hourDir + " aside: " + e.getMessage(), e);
    }
    new StaleFiles(conf, hourDir).removeEarlierFiles(events);
    return setAside;
  }

  /**
   * After the new read: drops each earlier read the new one supersedes and moves back the others,
   * replacing what the new read left of them. Then removes run {@code runId}'s directory.
   *
   * @return why the earlier read was kept, for each event where it was
   */
  Map<KafkaEvent, String> settle(long runId, Map<KafkaEvent, RangeReport> aside) {
    try {
      Map<KafkaEvent, String> kept = settle(dir(hourDir, runId), aside, committed.apply(List.copyOf(aside.keySet())));
      fs.delete(dir(hourDir, runId), true);
      return kept;
    } catch (IOException e) {
      throw new RetriableException("cannot settle the earlier reads set aside under " + hourDir + ": "
          + e.getMessage(), e);
    }
  }

  private Map<KafkaEvent, String> settle(Path asideDir, Map<KafkaEvent, RangeReport> aside, CommittedReports fresh)
      throws IOException {
    Map<KafkaEvent, String> kept = new LinkedHashMap<>();
    for (Map.Entry<KafkaEvent, RangeReport> e : aside.entrySet()) {
      KafkaEvent event = e.getKey();
      Optional<RangeReport> now = fresh.intact(event);
      Optional<String> whyNot = now.isEmpty() ? Optional.of(fresh.reports().containsKey(event)
          ? "its files are not the ones its report describes" : "it committed nothing")
          : Supersession.whyNot(now.get(), e.getValue());
      if (whyNot.isEmpty()) {
        for (String path : paths(e.getValue())) {
          fs.delete(new Path(asideDir, path), false);
        }
      } else {
        moveBack(asideDir, e.getValue());
        kept.put(event, whyNot.get());
      }
    }
    return kept;
  }

  /**
   * Puts an earlier read back: its files still aside replace those of the same name here (files it
   * names that are not aside were never moved), its report last, then files it does not name go.
   */
  private void moveBack(Path asideDir, RangeReport earlier) throws IOException {
    List<String> paths = paths(earlier);
    for (String path : paths.subList(1, paths.size())) {
      moveReplacing(new Path(asideDir, path), new Path(hourDir, path));
    }
    moveReplacing(new Path(asideDir, paths.get(0)), new Path(hourDir, paths.get(0)));
    new StaleFiles(conf, hourDir).removeFilesOfOtherDates(List.of(earlier));
  }

  private void moveReplacing(Path from, Path to) throws IOException {
    if (!fs.exists(from)) {
      return;
    }
    fs.delete(to, false);
    move(from, to);
  }

  private void move(Path from, Path to) throws IOException {
    fs.mkdirs(to.getParent());
    if (!fs.rename(from, to)) {
      throw new IOException("cannot move " + from + " to " + to);
    }
  }

  /** The report file first, then every file the report describes. */
  private static List<String> paths(RangeReport report) {
    List<String> paths = new ArrayList<>();
    paths.add(WorkLayout.reportFile(report.event()));
    if (!report.files().isEmpty()) {
      report.files().stream().map(LandedFile::path).forEach(paths::add);
      return paths;
    }
    report.dates().forEach(d -> paths.add(WorkLayout.dataFile(report.event(), java.time.LocalDate.parse(d))));
    if (report.errorRecords() > 0) {
      paths.add(WorkLayout.errorFile(report.event()));
    }
    return paths;
  }

  /** Reads the reports set aside under {@code runDir} into {@code reports}; false if one was unreadable. */
  private boolean reportsIn(Path runDir, Map<KafkaEvent, RangeReport> reports) throws IOException {
    boolean allRead = true;
    for (FileStatus file : list(new Path(runDir, WorkLayout.REPORTS_DIR))) {
      try (InputStream in = fs.open(file.getPath())) {
        RangeReport report = ReportCodec.decode(in);
        reports.put(report.event(), report);
      } catch (IOException | RuntimeException e) {
        LOG.warn("unreadable report {} set aside by a dead run ({}); its directory is left for a person",
            file.getPath(), e.getMessage());
        allRead = false;
      }
    }
    return allRead;
  }

  private FileStatus[] list(Path dir) throws IOException {
    try {
      return fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }
}
