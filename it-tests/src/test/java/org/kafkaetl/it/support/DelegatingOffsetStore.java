package org.kafkaetl.it.support;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.StoredPosition;

/** The real offset store, for wrappers that make one operation fail the way a fault would. */
public abstract class DelegatingOffsetStore implements OffsetStore {
  private final OffsetStore real;

  protected DelegatingOffsetStore(OffsetStore real) {
    this.real = real;
  }

  @Override
  public void finishRun(long runId, Instant finishedAt, List<RangeOutcome> outcomes) {
    real.finishRun(runId, finishedAt, outcomes);
  }

  @Override
  public Map<TopicPartition, StoredPosition> positions(Collection<String> topics) {
    return real.positions(topics);
  }

  @Override
  public void recordStarts(Map<TopicPartition, Long> starts, Map<String, String> topicIds) {
    real.recordStarts(starts, topicIds);
  }

  @Override
  public void adoptTopicIds(Map<String, String> topicIds) {
    real.adoptTopicIds(topicIds);
  }

  @Override
  public long startRun(HourPartition hour, Instant startedAt, List<KafkaEvent> planned, List<KafkaEvent> lost,
      Map<String, String> topicIds) {
    return real.startRun(hour, startedAt, planned, lost, topicIds);
  }

  @Override
  public void recordIncarnationGone(List<RangeRecord> ranges, Instant at, String detail) {
    real.recordIncarnationGone(ranges, at, detail);
  }

  @Override
  public void markRunning(long runId) {
    real.markRunning(runId);
  }

  @Override
  public long startRerun(HourPartition hour, Instant startedAt, List<KafkaEvent> rereading) {
    return real.startRerun(hour, startedAt, rereading);
  }

  @Override
  public void settleDeadRanges(long deadRunId, Instant at, List<RangeOutcome> outcomes) {
    real.settleDeadRanges(deadRunId, at, outcomes);
  }

  @Override
  public void recordJob(long runId, String jobId) {
    real.recordJob(runId, jobId);
  }

  @Override
  public List<org.kafkaetl.core.offsets.UnfinishedRun> unfinishedRuns() {
    return real.unfinishedRuns();
  }

  @Override
  public void markDied(long runId, Instant at) {
    real.markDied(runId, at);
  }

  @Override
  public void markOutcomeAlerted(long runId, Instant at) {
    real.markOutcomeAlerted(runId, at);
  }

  @Override
  public List<org.kafkaetl.core.offsets.EndedRun> endedRunsNotAlerted() {
    return real.endedRunsNotAlerted();
  }

  @Override
  public List<RangeRecord> rangesReadBy(long runId) {
    return real.rangesReadBy(runId);
  }

  @Override
  public List<RangeRecord> ranges(long runId) {
    return real.ranges(runId);
  }

  @Override
  public List<RangeRecord> rangesOfHours(String topic, HourPartition from, HourPartition to) {
    return real.rangesOfHours(topic, from, to);
  }

  @Override
  public List<RangeRecord> incompleteRanges(HourPartition since) {
    return real.incompleteRanges(since);
  }

  @Override
  public List<RangeRecord> openRanges() {
    return real.openRanges();
  }

  @Override
  public Optional<HourPartition> firstFinishedRunHour(HourPartition from) {
    return real.firstFinishedRunHour(from);
  }

  @Override
  public Optional<HourPartition> lastRunHour() {
    return real.lastRunHour();
  }

  @Override
  public List<RangeRecord> unfinishedRanges(String topic, HourPartition from, HourPartition upTo) {
    return real.unfinishedRanges(topic, from, upTo);
  }

  @Override
  public void close() {
    real.close();
  }

  @Override
  public org.kafkaetl.core.offsets.HistoryPruned pruneHistory(HourPartition before, java.util.Set<HourPartition> keep) {
    return real.pruneHistory(before, keep);
  }
}
