package org.kafkaetl.mapreduce.job;

import java.io.FileNotFoundException;
import java.io.IOException;
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
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.Supersession;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.offsets.RunFencedException;
import org.kafkaetl.hdfs.HourReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The earlier read of ranges that are read again. Deleting it before the new read would lose its
 * records if the new read then failed, or found that Kafka had deleted them meanwhile; so an intact
 * earlier read (a report whose files are there as it describes them) is moved aside to
 * {@code <hour>/_earlier/run-<id>/}, under the same relative paths, while the new read runs. A
 * resuming read copies it from there into its own files. Afterwards the new read stands only if it
 * keeps every offset the earlier one accounted for ({@link Supersession}); otherwise the earlier read
 * is moved back (over the tombstone that took a range its topic's index holds out of the hour, see
 * {@link HourReports#setAside}). A driver that dies in between leaves the directory for {@link #recover} to settle
 * the same way. Whoever settles a directory first claims it by renaming it (one atomic rename), so
 * a driver that stalled after its last lock check and the run that took over never both act on it;
 * each later step re-checks the claim, and a later claim takes the directory over from a settler
 * that died or stalled. Reads that are not intact (a commit cut short) may still hold good records:
 * they go to the hour's junk directory ({@link JunkReads}), never deleted.
 */
final class EarlierReads {
  private static final String UNREADABLE = WorkLayout.UNREADABLE_SUFFIX;
  private static final Logger LOG = LoggerFactory.getLogger(EarlierReads.class);
  /** {@code run-<id>}, as set aside; {@code .claimed-by-<claimer>} while settled; {@code .unreadable-report} left. */
  private static final java.util.regex.Pattern RUN_DIR =
      java.util.regex.Pattern.compile("run-(\\d+)(\\.claimed-by-[\\w-]+|" + java.util.regex.Pattern.quote(UNREADABLE) + ")?");

  private final FileSystem fs;
  private final Configuration conf;
  private final Path hourDir;
  private final Function<List<KafkaEvent>, CommittedReports> committed;
  private final Map<KafkaEvent, String> junked = new LinkedHashMap<>();
  private final Map<String, List<String>> unreadable = new LinkedHashMap<>();

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
    HourReports aside = new HourReports(fs, dir(hourDir, runId));
    return aside.read(event).orElseThrow(() -> new FileNotFoundException(aside.path(event).toString()));
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
    String claimer = ownRunId > 0 ? "run-" + ownRunId
        : "recovery-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    try {
      for (FileStatus run : list(new Path(hourDir, WorkLayout.EARLIER_DIR))) {
        java.util.regex.Matcher m = RUN_DIR.matcher(run.getPath().getName());
        if (!run.isDirectory() || !m.matches() || Long.parseLong(m.group(1)) == ownRunId && m.group(2) == null) {
          continue;
        }
        if (UNREADABLE.equals(m.group(2))) {
          unreadable.put(run.getPath().toString(), new HourReports(fs, run.getPath()).names());
          continue;
        }
        long runId = Long.parseLong(m.group(1));
        Optional<SettlementClaim> claim = SettlementClaim.take(fs, run.getPath(), runId, claimer);
        if (claim.isEmpty()) {
          LOG.warn("{} is settled by another run (it claimed it first)", run.getPath());
          continue;
        }
        try {
          settled.addAll(recoverClaimed(claim.get(), runId));
        } catch (SettlementClaim.Lost e) {
          LOG.warn("{}", e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new RetriableException("cannot settle earlier reads left under " + hourDir + ": " + e.getMessage(), e);
    }
    settled.forEach(line -> LOG.warn("{}", line));
    return settled;
  }

  private List<String> recoverClaimed(SettlementClaim claim, long runId) throws IOException {
    Path claimed = claim.dir();
    Map<KafkaEvent, RangeReport> aside = new HashMap<>();
    List<String> unreadableReports = reportsIn(claimed, aside);
    Map<KafkaEvent, String> kept = settle(claim, aside, committed.apply(List.copyOf(aside.keySet())));
    List<String> settled = new ArrayList<>();
    aside.keySet().forEach(e -> settled.add(e + (kept.containsKey(e)
        ? ": moved back the earlier read dead run " + runId + " had set aside (" + kept.get(e) + ")"
        : ": dropped the earlier read dead run " + runId + " had set aside; a later read keeps it all")));
    if (unreadableReports.isEmpty()) {
      fs.delete(claimed, true);
      return settled;
    }
    // Its ranges are unknown, so nothing can say whether a later read keeps its records: a person decides.
    Path left = new Path(claimed.getParent(), "run-" + runId + UNREADABLE);
    if (!fs.rename(claimed, left)) {
      throw new SettlementClaim.Lost(claimed + " was taken over before it could be left as " + left);
    }
    unreadable.put(left.toString(), unreadableReports);
    return settled;
  }

  /** Non-intact earlier reads moved to junk by {@link #setAside}, and directories left with an unreadable report. */
  ReadsLeftForAPerson leftForAPerson() {
    return new ReadsLeftForAPerson(junked, unreadable);
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
    HourReports reports = new HourReports(fs, hourDir);
    // The run's own work directory: fenced, so unusable, once another run takes the hour over.
    Path scratch = new Path(RunOutputCommitter.runDir(hourDir, runId), "_tombstones");
    try {
      for (KafkaEvent event : events) {
        Optional<RangeReport> intact = current.intact(event);
        if (intact.isPresent()) {
          // The report first: a crash after it leaves a report aside whose files are partly back
          // here (or, for a range its topic's index holds, only a copy aside with the read still
          // counting here), which recover() completes from both places.
          reports.setAside(event, aside, scratch);
          for (String path : HourReports.filesOfRead(intact.get())) {
            move(new Path(hourDir, path), new Path(aside, path));
          }
          setAside.put(event, intact.get());
        } else {
          new JunkReads(fs, hourDir).notIntact(runId, event, current.reports().containsKey(event))
              .ifPresent(where -> junked.put(event, where));
        }
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
    if (aside.isEmpty()) {
      return Map.of();
    }
    try {
      Optional<SettlementClaim> claim = SettlementClaim.take(fs, dir(hourDir, runId), runId, "run-" + runId);
      if (claim.isEmpty()) {
        throw new RunFencedException("run " + runId + " puts nothing back: another run claimed the earlier reads it"
            + " set aside under " + dir(hourDir, runId) + " (it had taken this run for dead) and settles them");
      }
      Map<KafkaEvent, String> kept = settle(claim.get(), aside, committed.apply(List.copyOf(aside.keySet())));
      fs.delete(claim.get().dir(), true);
      return kept;
    } catch (SettlementClaim.Lost e) {
      throw new RunFencedException("run " + runId + " stopped settling the earlier reads it set aside: " + e.getMessage());
    } catch (IOException e) {
      throw new RetriableException("cannot settle the earlier reads set aside under " + hourDir + ": "
          + e.getMessage(), e);
    }
  }

  private Map<KafkaEvent, String> settle(SettlementClaim claim, Map<KafkaEvent, RangeReport> aside,
      CommittedReports fresh) throws IOException {
    Path asideDir = claim.dir();
    Map<KafkaEvent, String> kept = new LinkedHashMap<>();
    for (Map.Entry<KafkaEvent, RangeReport> e : aside.entrySet()) {
      claim.require();
      KafkaEvent event = e.getKey();
      Optional<RangeReport> now = fresh.intact(event);
      Optional<String> whyNot = now.isEmpty() ? Optional.of(fresh.reports().containsKey(event)
          ? "its files are not the ones its report describes" : "it committed nothing")
          : Supersession.whyNot(now.get(), e.getValue());
      if (whyNot.isEmpty()) {
        for (String path : HourReports.pathsOfRead(e.getValue())) {
          fs.delete(new Path(asideDir, path), false);
        }
      } else {
        moveBack(claim, e.getValue());
        kept.put(event, whyNot.get());
      }
    }
    return kept;
  }

  /**
   * Puts an earlier read back: its files still aside replace those of the same name here (files it
   * names that are not aside were never moved), its report last, then files it does not name go.
   */
  private void moveBack(SettlementClaim claim, RangeReport earlier) throws IOException {
    Path asideDir = claim.dir();
    List<String> paths = HourReports.pathsOfRead(earlier);
    for (String path : paths.subList(1, paths.size())) {
      moveReplacing(claim, new Path(asideDir, path), new Path(hourDir, path));
    }
    moveReplacing(claim, new Path(asideDir, paths.get(0)), new Path(hourDir, paths.get(0)));
    claim.require();
    new StaleFiles(conf, hourDir).removeFilesOfOtherDates(List.of(earlier));
  }

  /** A file still aside replaces the one of its name here; one not aside was never moved, unless the claim was lost. */
  private void moveReplacing(SettlementClaim claim, Path from, Path to) throws IOException {
    if (!fs.exists(from)) {
      claim.require();
      return;
    }
    fs.mkdirs(to.getParent());
    if (fs instanceof org.apache.hadoop.hdfs.DistributedFileSystem dfs) {
      // One NameNode operation: fails without touching the target if another settler took the source.
      try {
        dfs.rename(from, to, org.apache.hadoop.fs.Options.Rename.OVERWRITE);
      } catch (FileNotFoundException e) {
        claim.require();
        throw e;
      }
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

  /**
   * Reads the reports set aside under {@code runDir} into {@code reports}.
   *
   * @return the names of those that could not be read
   */
  private List<String> reportsIn(Path runDir, Map<KafkaEvent, RangeReport> reports) throws IOException {
    HourReports.AllReports all = new HourReports(fs, runDir).readAll();
    reports.putAll(all.reports());
    all.unreadable().forEach((file, why) -> LOG.error(
        "unreadable report {} set aside by a dead run ({}); its directory is left for a person", file, why));
    return all.unreadable().keySet().stream().map(Path::getName).toList();
  }

  private FileStatus[] list(Path dir) throws IOException {
    try {
      return fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }
}
