package org.kafkaetl.core.offsets;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.TopicPartition;

/**
 * Durable record of planned and landed offset ranges. Implementations guarantee that, per
 * partition, stored ranges tile the offset space: a new run's first range for a partition begins
 * exactly where the previous one ended, or {@link #startRun} fails and stores nothing.
 *
 * <p>Every method may throw {@link org.kafkaetl.core.RetriableException} when the store is
 * unreachable.
 */
public interface OffsetStore extends AutoCloseable {

  /**
   * Where each known partition of the given topics continues, in the topic's current incarnation:
   * the end of its last stored range, or for a partition with no range yet, the start stored when
   * it was first seen; with Kafka's topic id of that incarnation.
   */
  Map<TopicPartition, StoredPosition> positions(Collection<String> topics);

  /** {@link #positions}' ends alone. */
  default Map<TopicPartition, Long> lastEndOffsets(Collection<String> topics) {
    Map<TopicPartition, Long> ends = new java.util.HashMap<>();
    positions(topics).forEach((tp, position) -> ends.put(tp, position.end()));
    return ends;
  }

  /**
   * Records where newly seen partitions start, and partitions of a topic whose Kafka id (in
   * {@code topicIds}, by topic) differs from the stored one: the first of a new incarnation. A
   * start already recorded for the incarnation is kept.
   */
  void recordStarts(Map<TopicPartition, Long> starts, Map<String, String> topicIds);

  /** Records where newly seen partitions start, their topic ids unknown. */
  default void recordStarts(Map<TopicPartition, Long> starts) {
    recordStarts(starts, Map.of());
  }

  /** Stores Kafka's topic id on the given topics' rows stored without one, as the same incarnation. */
  void adoptTopicIds(Map<String, String> topicIds);

  /**
   * Stores a new run, its planned ranges (PLANNED) and the ranges Kafka deleted before they were
   * read (LOST), atomically; returns the run id. A partition whose Kafka topic id (in {@code
   * topicIds}, by topic) differs from the stored one starts a new incarnation.
   *
   * @throws org.kafkaetl.core.EtlException if a range does not continue its partition's last one
   */
  long startRun(HourPartition hour, Instant startedAt, List<KafkaEvent> planned, List<KafkaEvent> lost,
      Map<String, String> topicIds);

  /** {@link #startRun(HourPartition, Instant, List, List, Map)} with topic ids unknown. */
  default long startRun(HourPartition hour, Instant startedAt, List<KafkaEvent> planned, List<KafkaEvent> lost) {
    return startRun(hour, startedAt, planned, lost, Map.of());
  }

  /**
   * Records ranges of a topic's deleted incarnation as LOST with {@code detail}, their unread
   * offsets in etl_lost_ranges: the topic was recreated, so Kafka's offsets now stand for other
   * messages and no read can ever finish them. COMPLETE and LOST ranges are left as they are.
   */
  void recordIncarnationGone(List<RangeRecord> ranges, Instant at, String detail);

  /**
   * Moves all PLANNED ranges of a run to RUNNING, just before its job is submitted. Fenced: the run
   * must still be open in etl_runs and every range it planned (but LOST ones) still PLANNED by it.
   *
   * @throws RunFencedException changing nothing, if another run ended this one or settled or took
   *     over any of its ranges (this run had lost its lock and was taken for dead)
   */
  void markRunning(long runId);

  /**
   * Records the coverage check's outcome for each range (found by its offsets, whichever run
   * planned it), and the end of run {@code runId}. Fenced: only ranges still PLANNED, or RUNNING for
   * this run, are updated.
   *
   * @throws RunFencedException recording nothing, if another run ended this one or settled or took
   *     over any of the ranges meanwhile (this run had lost its lock and was taken for dead)
   */
  void finishRun(long runId, Instant finishedAt, List<RangeOutcome> outcomes);

  /**
   * Records outcomes of ranges a dead run left PLANNED or RUNNING, whichever run or rerun was
   * reading them; the dead runs are ended with {@link #markDied}.
   *
   * @param deadRunId the run that planned the ranges
   */
  void settleDeadRanges(long deadRunId, Instant at, List<RangeOutcome> outcomes);

  /**
   * Stores a rerun of an hour and moves the ranges it reads to RUNNING, atomically, so a rerun whose
   * driver dies leaves them for the next run to settle from committed output; its outcomes are
   * recorded with {@link #finishRun}.
   *
   * @param hour the hour rerun: each range of {@code rereading} is a range stored for that hour (a
   *     range not of it is not marked, and the rerun's {@code finishRun} is then refused as fenced)
   */
  long startRerun(HourPartition hour, Instant startedAt, List<KafkaEvent> rereading);

  /** Notes the MapReduce job a run submitted, so a later run can stop it if this one dies. */
  void recordJob(long runId, String jobId);

  /** Runs and reruns that never recorded their end. Called under the run lock, all of them died. */
  List<UnfinishedRun> unfinishedRuns();

  /** Ends a dead run that {@link #finishRun} did not end (a rerun, or a run whose ranges were settled). */
  void markDied(long runId, Instant at);

  /**
   * Notes that the alerts run {@code runId}'s recorded outcome calls for were sent. Its outcome is
   * committed first and alerted after, so a run that ended without this note may have told no one.
   */
  void markOutcomeAlerted(long runId, Instant at);

  /** Ended runs and reruns without {@link #markOutcomeAlerted}, oldest first. */
  List<EndedRun> endedRunsNotAlerted();

  /**
   * The ranges whose outcome run {@code runId} recorded: those it planned and read itself (no run
   * read them again since), and those it read again as a rerun or retry.
   */
  List<RangeRecord> rangesReadBy(long runId);

  /** The ranges every run of {@code hour} stored for a topic, in offset order per partition. */
  default List<RangeRecord> rangesOfHour(HourPartition hour, String topic) {
    return rangesOfHours(topic, hour, hour);
  }

  /**
   * The ranges every run of the hours {@code from} to {@code to} (both included) stored for a topic,
   * by hour, then in offset order per partition: one read for a day's status instead of one per hour.
   */
  List<RangeRecord> rangesOfHours(String topic, HourPartition from, HourPartition to);

  /** All ranges of one run, ordered by topic, partition and begin offset. */
  List<RangeRecord> ranges(long runId);

  /**
   * The earliest hour at or after {@code from} with a finished hourly run (not a rerun), if any:
   * what Kafka held when that run was planned is in etl_offsets.
   */
  java.util.Optional<HourPartition> firstFinishedRunHour(HourPartition from);

  /** The latest hour an hourly run (not a rerun) was started in, if any. */
  java.util.Optional<HourPartition> lastRunHour();

  /**
   * Ranges still PLANNED or RUNNING. Called under the run lock, these belong to runs that died
   * before recording their outcome.
   */
  List<RangeRecord> openRanges();

  /** INCOMPLETE ranges of hours from {@code since} on, in hour and offset order. */
  List<RangeRecord> incompleteRanges(HourPartition since);

  /** Ranges of a topic, planned in hours from {@code from} to {@code upTo}, that are neither COMPLETE nor LOST. */
  List<RangeRecord> unfinishedRanges(String topic, HourPartition from, HourPartition upTo);

  @Override
  void close();

  /**
   * Removes the ranges of hours before {@code before} that nothing needs any more: per partition
   * incarnation, the rows before its first row that is of {@code before} or later, of an hour in
   * {@code keep} (its hour directory is still in the work root), or not COMPLETE or LOST, with the
   * etl_lost_ranges inside them. Where each partition continues never changes; where its removed
   * rows ended is kept for the audit. The caller holds the hourly lock.
   */
  HistoryPruned pruneHistory(HourPartition before, java.util.Set<HourPartition> keep);
}
