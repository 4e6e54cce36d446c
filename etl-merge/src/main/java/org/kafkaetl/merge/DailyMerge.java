package org.kafkaetl.merge;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.AlertSender;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.layout.WarehouseLayout;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.merge.HourlyFile;
import org.kafkaetl.core.merge.LedgerEntry;
import org.kafkaetl.core.merge.MergedDayListener;
import org.kafkaetl.core.merge.MergeLedger;
import org.kafkaetl.core.merge.MergeSelection;
import org.kafkaetl.core.merge.MergeSelection.PartitionWork;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RunLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code merge --topic T --date D}: appends the day's COMPLETE hourly files that the ledger does not
 * hold yet into one daily file per Kafka partition. Safe to run twice and after a crash at any
 * point; ranges not COMPLETE block nothing but are reported with the command that fixes them.
 */
public final class DailyMerge {
  private static final Logger LOG = LoggerFactory.getLogger(DailyMerge.class);
  private static final Duration HDFS_WAIT = Duration.ofMinutes(2);

  private final EtlConfig config;
  private final HourlyFileIndex index;
  private final HdfsFiles files;
  private final WarehouseLayout warehouse;
  private final MergeLedger ledger;
  private final RunLock lock;
  private final DayCompletion completion;
  private final AlertSender alerts;
  private final Clock clock;
  private final MergedDayListener mergedDays;

  public DailyMerge(EtlConfig config, FileSystem fs, OffsetStore store, MergeLedger ledger, RunLock lock,
      AlertSender alerts, Clock clock) {
    this(config, fs, store, ledger, lock, alerts, clock, MergedDayListener.NONE);
  }

  /** @param mergedDays told of each day merged without a failure, after its completion marker is written */
  public DailyMerge(EtlConfig config, FileSystem fs, OffsetStore store, MergeLedger ledger, RunLock lock,
      AlertSender alerts, Clock clock, MergedDayListener mergedDays) {
    this.mergedDays = mergedDays;
    this.config = config;
    this.index = new HourlyFileIndex(fs, new WorkLayout(config.workRoot()), store);
    this.files = new HdfsFiles(fs, clock, HDFS_WAIT);
    this.warehouse = new WarehouseLayout(config.warehouseRoot());
    this.ledger = ledger;
    this.lock = lock;
    this.completion = new DayCompletion(fs, store, new WarehouseLayout(config.warehouseRoot()), clock,
        topic -> config.topic(topic).map(t -> t.eventTimeWindow().maxAhead()).orElse(java.time.Duration.ZERO));
    this.alerts = alerts;
    this.clock = clock;
  }

  /** What one merge did. */
  public record MergeResult(ExitCode exitCode, String message, List<PartitionMerger.Outcome> outcomes) {
    /**
     * Bytes appended to (or rebuilt in) the daily files, for the metrics. Callers outside this
     * package cannot build an outcome and stand in for one with null (MergeAfterRunTest): counted as 0.
     */
    public long bytes() {
      return outcomes.stream().filter(java.util.Objects::nonNull).mapToLong(PartitionMerger.Outcome::bytes).sum();
    }

    /** What each partition's merge did, for {@code merge --json}; stand-ins (null) are left out. */
    public List<PartitionMerged> partitions() {
      return outcomes.stream().filter(java.util.Objects::nonNull).map(o -> new PartitionMerged(o.partition(),
          o.filesAppended(), o.records(), o.bytes(), o.rebuilt())).toList();
    }
  }

  /**
   * What one partition's merge did.
   *
   * @param filesAppended hourly files appended (or, rebuilt, written anew)
   * @param rebuilt whether the daily file was written anew from the hourly files
   */
  public record PartitionMerged(int partition, int filesAppended, long records, long bytes, boolean rebuilt) {}

  /**
   * @param partition one partition, or empty for all
   * @param rebuild rebuild the daily files from the hourly files instead of appending
   * @throws IllegalArgumentException for an unknown topic or a date without landed data
   */
  public MergeResult merge(String topic, LocalDate date, OptionalInt partition, boolean rebuild) {
    if (config.topic(topic).isEmpty()) {
      throw new IllegalArgumentException("topic '" + topic + "' is not in etl.topics " + config.topicNames());
    }
    String lockName = org.kafkaetl.core.offsets.LockNames.merge(config, topic);
    Optional<RunLock.Held> held = lock.tryAcquire(lockName);
    if (held.isEmpty()) {
      return new MergeResult(ExitCode.LOCKED, "another merge of " + topic + " holds the lock; this one did nothing",
          List.of());
    }
    try (RunLock.Held h = held.get()) {
      // the epoch begins before anything of the ledger is read: writes of a merge this one overtook
      // have committed by now (and are read below) or fail from now on
      MergeLedger fenced;
      try {
        fenced = new LockFencedLedger(ledger.newEpoch(topic), h, lockName);
      } catch (RuntimeException e) {
        LOG.error("cannot begin a merge epoch of {}", topic, e);
        alerts.send(new Alert(Severity.CRITICAL, failureKey(topic, date, null) + "epoch:", "merge of " + topic + " "
            + date + " did not start: its merge epoch could not be begun", String.valueOf(e.getMessage()),
            List.of(config.alerts().fixCommands().merge(topic, date, null))));
        return result(topic, date, List.of(), List.of("beginning the merge epoch: " + e.getMessage()));
      }
      return mergeLocked(topic, date, partition, rebuild, fenced,
          new PartitionMerger(files, warehouse, fenced, clock, h::stillHeld));
    }
  }

  private MergeResult mergeLocked(String topic, LocalDate date, OptionalInt only, boolean rebuild, MergeLedger fenced,
      PartitionMerger merger) {
    HourlyFileIndex.Listing listing = index.list(topic, date);
    List<LedgerEntry> merged = ledger.entries(topic, date);
    if (listing.complete().isEmpty() && merged.isEmpty()) {
      throw new IllegalArgumentException("no landed data for topic " + topic + " on " + date
          + (listing.notComplete().isEmpty() ? "" : " is COMPLETE yet (" + listing.notComplete().size()
              + " ranges are not)"));
    }
    reportNotComplete(topic, date, listing.notComplete());
    try {
      merger.settle(topic, date, merged);
    } catch (IOException | RuntimeException e) {
      LOG.error("cannot settle the daily parts of {} {}", topic, date, e);
      alerts.send(new Alert(Severity.CRITICAL, failureKey(topic, date, null) + "settle:", "merge of " + topic + " " + date
          + " failed before appending: a rebuild a dead merge left could not be finished or dropped",
          String.valueOf(e.getMessage()), List.of(config.alerts().fixCommands().merge(topic, date, null))));
      return result(topic, date, List.of(), List.of("settling the daily parts: " + e.getMessage()));
    }
    Map<Integer, PartitionWork> work = MergeSelection.select(listing.complete(), merged);
    Map<Integer, List<LedgerEntry>> mergedByPartition = merged.stream()
        .collect(Collectors.groupingBy(e -> e.hourly().partition()));
    Map<Integer, List<HourlyFile>> completeByPartition = listing.complete().stream()
        .collect(Collectors.groupingBy(HourlyFile::partition));
    List<Integer> todo = partitions(listing.complete(), merged, only).stream()
        .filter(p -> rebuild || work.containsKey(p) && !work.get(p).isEmpty()).toList();
    ConcurrentPartitions.Results results = ConcurrentPartitions.merge(todo, config.mergeThreads(),
        partition -> mergePartition(merger, topic, date, partition, mergedByPartition.getOrDefault(partition, List.of()),
            completeByPartition.getOrDefault(partition, List.of()),
            work.getOrDefault(partition, new PartitionWork(partition, List.of(), false)), rebuild));
    List<PartitionMerger.Outcome> outcomes = results.outcomes();
    List<String> failures = new ArrayList<>();
    for (ConcurrentPartitions.Failure f : results.failures()) {
      LOG.error("merge of {} {} partition {} failed", topic, date, f.partition(), f.cause());
      failures.add("partition " + f.partition() + ": " + f.cause().getMessage());
    }
    pageFailures(topic, date, results.failures());
    boolean changed = outcomes.stream().anyMatch(o -> o.filesAppended() > 0);
    if (changed) {
      try {
        fenced.dayMerged(topic, date, clock.instant(), rebuild);
      } catch (RuntimeException e) {
        failures.add("recording the day's merge: " + e.getMessage());
        alerts.send(new Alert(Severity.CRITICAL, failureKey(topic, date, null) + "revision:", "merge of " + topic + " "
            + date + " could not record its revision", String.valueOf(e.getMessage()),
            List.of(config.alerts().fixCommands().merge(topic, date, null))));
      }
    }
    if (failures.isEmpty() && only.isEmpty()) {
      markIfComplete(topic, date, listing, changed);
      alerts.resolve(failureKey(topic, date, null), "merge of " + topic + " " + date + " succeeded");
    } else if (failures.isEmpty()) {
      alerts.resolve(failureKey(topic, date, only.getAsInt()), "merge of " + topic + " " + date + " partition "
          + only.getAsInt() + " succeeded");
      if (MergeSelection.select(listing.complete(), ledger.entries(topic, date)).isEmpty()) {
        // the last partition a page of several named is merged now: that page is over too
        alerts.resolve(failureKey(topic, date, null), "merge of " + topic + " " + date + ": every partition is merged");
      }
    }
    if (listing.notComplete().isEmpty()) {
      alerts.resolve(notCompleteKey(topic, date), topic + " " + date + ": every range is COMPLETE and merged");
    }
    if (failures.isEmpty()) {
      mergedDays.merged(topic, date);
    }
    return result(topic, date, outcomes, failures);
  }

  /**
   * One page per merge: a single failed partition gets its own command; several (a full quota, a
   * NameNode restart) are one incident of the topic and date, with every partition and its cause in
   * the details and the one command that merges them all.
   */
  private void pageFailures(String topic, LocalDate date, List<ConcurrentPartitions.Failure> failed) {
    if (failed.size() == 1) {
      ConcurrentPartitions.Failure f = failed.get(0);
      alerts.send(new Alert(Severity.CRITICAL, failureKey(topic, date, f.partition()),
          "merge of " + topic + " " + date + " partition " + f.partition() + " failed; the daily file was left as"
              + " before", String.valueOf(f.cause().getMessage()),
          List.of(config.alerts().fixCommands().merge(topic, date, f.partition()))));
    } else if (failed.size() > 1) {
      // the count in the summary, the partitions in the details: a list of hundreds must not push the
      // command out of an SMS
      alerts.send(new Alert(Severity.CRITICAL, failureKey(topic, date, null) + "partitions:",
          "merge of " + topic + " " + date + " failed for " + failed.size() + " partitions; their daily files were"
              + " left as before",
          failed.stream().map(f -> "partition " + f.partition() + ": " + f.cause().getMessage())
              .collect(Collectors.joining("\n")),
          List.of(config.alerts().fixCommands().merge(topic, date, null))));
    }
  }

  /** One incident per partition; the trailing colon keeps partition 1's key from prefixing partition 10's. */
  private static String failureKey(String topic, LocalDate date, Integer partition) {
    return "merge:" + topic + ":" + date + ":" + (partition == null ? "" : partition + ":");
  }

  private static String notCompleteKey(String topic, LocalDate date) {
    return "merge-incomplete:" + topic + ":" + date;
  }

  private void markIfComplete(String topic, LocalDate date, HourlyFileIndex.Listing listing, boolean changed) {
    List<LedgerEntry> nowMerged = ledger.entries(topic, date);
    boolean allMerged = listing.notComplete().isEmpty()
        && MergeSelection.select(listing.complete(), nowMerged).isEmpty();
    try {
      completion.markIfComplete(topic, date, allMerged, changed, nowMerged)
          .ifPresent(marker -> LOG.info("{} {} is complete: wrote {}", topic, date, marker));
    } catch (IOException e) {
      throw new RetriableException("cannot write the completion marker of " + topic + " " + date + ": "
          + e.getMessage(), e);
    }
  }

  private static PartitionMerger.Outcome mergePartition(PartitionMerger merger, String topic, LocalDate date,
      int partition, List<LedgerEntry> mergedHere, List<HourlyFile> completeHere, PartitionWork work, boolean rebuild)
      throws IOException {
    if (rebuild || work.rebuild()) {
      // What the daily file holds (the ledger) plus what is pending: never just what the glob finds
      // now, since cleanup may have removed merged hours and a rerun may have shrunk them.
      // keyed by incarnation too: a recreated topic's range can have an older incarnation's bounds
      java.util.Set<String> mergedEvents = new java.util.HashSet<>();
      mergedHere.forEach(e -> mergedEvents.add(e.hourly().incarnation() + ":" + e.hourly().event()));
      List<HourlyFile> pending = completeHere.stream()
          .filter(f -> !mergedEvents.contains(f.incarnation() + ":" + f.event())).toList();
      return merger.rebuild(topic, date, partition, mergedHere, pending);
    }
    return merger.append(topic, date, partition, mergedHere, work.toAppend());
  }

  private static TreeSet<Integer> partitions(List<HourlyFile> complete, List<LedgerEntry> merged, OptionalInt only) {
    TreeSet<Integer> partitions = new TreeSet<>();
    complete.forEach(f -> partitions.add(f.partition()));
    merged.forEach(e -> partitions.add(e.hourly().partition()));
    if (only.isPresent()) {
      partitions.retainAll(List.of(only.getAsInt()));
    }
    return partitions;
  }

  private void reportNotComplete(String topic, LocalDate date, List<RangeRecord> notComplete) {
    if (notComplete.isEmpty()) {
      return;
    }
    Map<String, List<RangeRecord>> byHour = new TreeMap<>(notComplete.stream()
        .collect(Collectors.groupingBy(r -> r.hour().toString())));
    List<String> commands = new ArrayList<>();
    byHour.forEach((hour, rows) -> commands.add(config.alerts().fixCommands().rerun(topic,
        rows.stream().map(r -> r.event().partition().partition()).collect(Collectors.toSet()), rows.get(0).hour())));
    commands.add(config.alerts().fixCommands().merge(topic, date, null));
    alerts.send(new Alert(Severity.WARNING, notCompleteKey(topic, date),
        topic + " " + date + ": " + notComplete.size() + " range(s) not COMPLETE were left out of the merge",
        notComplete.stream().map(r -> "  " + r.event() + " hour " + r.hour() + " " + r.state())
            .collect(Collectors.joining("\n")), commands));
  }

  private static MergeResult result(String topic, LocalDate date, List<PartitionMerger.Outcome> outcomes,
      List<String> failures) {
    int files = outcomes.stream().mapToInt(PartitionMerger.Outcome::filesAppended).sum();
    long records = outcomes.stream().mapToLong(PartitionMerger.Outcome::records).sum();
    long bytes = outcomes.stream().mapToLong(PartitionMerger.Outcome::bytes).sum();
    String summary = "merge " + topic + " " + date + ": " + files + " hourly files, " + records + " records, "
        + bytes + " bytes into " + outcomes.size() + " partition(s)";
    if (!failures.isEmpty()) {
      return new MergeResult(ExitCode.FAILED, summary + "; failed: " + String.join("; ", failures), outcomes);
    }
    return new MergeResult(ExitCode.OK, summary, outcomes);
  }
}
