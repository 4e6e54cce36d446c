package org.kafkaetl.mapreduce.driver;

import java.util.List;
import java.util.Set;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.alert.AlertSender;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.LockNames;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.offsets.RunLock;
import org.kafkaetl.core.plan.PartitionOffsetsSource;
import org.kafkaetl.mapreduce.job.EtlJobRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads again every range an hour recorded for a topic's partition(s) and replaces their files.
 * Ranges are never re-planned: the stored ones are read as they are, so etl_offsets keeps tiling
 * and each rerun file has the name of the file it replaces.
 */
public final class Rerun {
  private static final Logger LOG = LoggerFactory.getLogger(Rerun.class);

  private final EtlConfig config;
  private final OffsetStore store;
  private final RunLock lock;
  private final RangeExecution execution;
  private final DeadRunReconciler reconciler;
  private final AlertSender alerts;
  private final java.time.Clock clock;
  private final PartitionOffsetsSource kafka;

  /** @param kafka asked for the topic's id, so ranges of an incarnation deleted since are not read */
  public Rerun(EtlConfig config, OffsetStore store, RunLock lock, PartitionOffsetsSource kafka, EtlJobRunner jobRunner,
      AlertSender alerts, java.time.Clock clock) {
    this.config = config;
    this.store = store;
    this.lock = lock;
    this.kafka = kafka;
    this.execution = new RangeExecution(config, store, jobRunner, alerts, clock, kafka);
    this.reconciler = new DeadRunReconciler(config, store, jobRunner, alerts, clock, kafka);
    this.alerts = alerts;
    this.clock = clock;
  }

  /**
   * @param partitions the partitions to re-read, or empty for all of the topic's partitions
   * @param includeComplete also re-read COMPLETE ranges, from their start (e.g. with another
   *     event-time policy); one whose start Kafka deleted since keeps its landed files
   * @param fromStart read each range from its start rather than resuming where its earlier read
   *     stopped (e.g. after fixing a decoder); implied by {@code includeComplete}
   * @throws IllegalArgumentException for a topic not configured, an hour that has not begun, an
   *     hour without ranges or partitions it has no ranges of
   */
  public RunResult rerun(String topic, Set<Integer> partitions, HourPartition hour, boolean includeComplete,
      boolean fromStart) {
    if (config.topic(topic).isEmpty()) {
      throw new IllegalArgumentException("topic '" + topic + "' is not in etl.topics " + config.topicNames());
    }
    HourPartition now = HourPartition.containing(clock.instant(), config.timeZone());
    if (hour.compareTo(now) > 0) {
      throw new IllegalArgumentException("hour " + hour + " has not begun (it is " + now + " in " + config.timeZone()
          + "); a rerun re-reads an hour that ran");
    }
    return Locked.run(lock, LockNames.hourly(config), hour,
        held -> rerunLocked(new RunFence(held, alerts, config), topic, partitions, hour, includeComplete,
            fromStart || includeComplete));
  }

  private RunResult rerunLocked(RunFence fence, String topic, Set<Integer> partitions, HourPartition hour,
      boolean includeComplete, boolean fromStart) {
    // A dead run's job may still be writing into this hour; it is stopped and its ranges settled first.
    reconciler.reconcile().forEach(settled -> LOG.warn("{}", settled.message()));
    List<RangeRecord> ofHour = store.rangesOfHour(hour, topic);
    checkPartitionsHaveRanges(topic, partitions, hour, ofHour);
    List<RangeRecord> asked = ofHour.stream()
        .filter(r -> r.state() != RangeState.LOST)
        .filter(r -> partitions.isEmpty() || partitions.contains(r.event().partition().partition()))
        .toList();
    List<RangeRecord> recorded = DeletedIncarnations.readable(store, asked, kafka.read(List.of(topic)).topicIds(),
        clock.instant());
    if (recorded.isEmpty() && !asked.isEmpty()) {
      return new RunResult(org.kafkaetl.core.ExitCode.OK, 0, hour, List.of(), "nothing to rerun: the " + asked.size()
          + " ranges of " + topic + " in hour " + hour + " belong to an incarnation of the topic deleted since (the"
          + " topic was recreated); those not COMPLETE are recorded LOST");
    }
    List<KafkaEvent> events = recorded.stream()
        .filter(r -> includeComplete || r.state() != RangeState.COMPLETE)
        .map(RangeRecord::event)
        .toList();
    if (events.isEmpty() && !recorded.isEmpty()) {
      return new RunResult(org.kafkaetl.core.ExitCode.OK, 0, hour, List.of(), "nothing to rerun: the " + recorded.size()
          + " ranges of " + topic + " in hour " + hour + " are COMPLETE (--include-complete reads them again)");
    }
    if (events.isEmpty()) {
      return new RunResult(org.kafkaetl.core.ExitCode.OK, 0, hour, List.of(), "nothing to rerun: every range of "
          + topic + (partitions.isEmpty() ? "" : " partition(s) " + partitions) + " in hour " + hour
          + " is LOST (Kafka deleted it before it was read)");
    }
    LOG.info("rerun of hour {}: {} ranges of {} from offset {} to {}", hour, events.size(), topic,
        events.get(0).range().begin(), events.get(events.size() - 1).range().end());
    if (!includeComplete) {
      return execution.reread(fence, "rerun", hour, events, fromStart);
    }
    // Re-read COMPLETE ranges have mergeable files that the rerun replaces: a merge of the topic
    // copying them meanwhile could append a half-replaced file, so the two never run together.
    String mergeLock = LockNames.merge(config, topic);
    return lock.whileHolding(mergeLock, () -> execution.reread(fence, "rerun", hour, events, fromStart))
        .orElseGet(() -> new RunResult(org.kafkaetl.core.ExitCode.LOCKED, 0, hour, List.of(), "a merge of " + topic
            + " is running (it holds the lock '" + mergeLock + "'); nothing was reread. Run this rerun again when the"
            + " merge has finished"));
  }

  private static void checkPartitionsHaveRanges(String topic, Set<Integer> partitions, HourPartition hour,
      List<RangeRecord> ofHour) {
    if (ofHour.isEmpty()) {
      throw new IllegalArgumentException("no ranges recorded for topic " + topic + " in hour " + hour
          + ": no run of that hour read it (nothing new in Kafka, or no run)");
    }
    java.util.SortedSet<Integer> recorded = new java.util.TreeSet<>();
    ofHour.forEach(r -> recorded.add(r.event().partition().partition()));
    java.util.SortedSet<Integer> missing = new java.util.TreeSet<>(partitions);
    missing.removeAll(recorded);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("partition(s) " + missing + " of " + topic + " have no ranges in hour " + hour
          + " (recorded: " + recorded + ")");
    }
  }
}
