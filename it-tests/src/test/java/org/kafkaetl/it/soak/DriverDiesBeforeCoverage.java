package org.kafkaetl.it.soak;

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

/**
 * The real offset store of a driver JVM that is killed the moment its job has ended: the coverage
 * update never happens, and neither does anything else the driver would have done afterwards.
 */
final class DriverDiesBeforeCoverage implements OffsetStore {
  /** What the killed driver's thread sees instead of returning. */
  static final class DriverKilled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DriverKilled() {
      super("driver JVM killed (soak fault) after the job, before the coverage update");
    }
  }

  private final OffsetStore real;
  private volatile boolean dead;

  DriverDiesBeforeCoverage(OffsetStore real) {
    this.real = real;
  }

  @Override
  public void finishRun(long runId, Instant finishedAt, List<RangeOutcome> outcomes) {
    dead = true;
    throw new DriverKilled();
  }

  boolean died() {
    return dead;
  }

  private OffsetStore alive() {
    if (dead) {
      throw new DriverKilled();
    }
    return real;
  }

  @Override
  public Map<TopicPartition, Long> lastEndOffsets(Collection<String> topics) {
    return alive().lastEndOffsets(topics);
  }

  @Override
  public void recordStarts(Map<TopicPartition, Long> starts) {
    alive().recordStarts(starts);
  }

  @Override
  public long startRun(HourPartition hour, Instant startedAt, List<KafkaEvent> planned, List<KafkaEvent> lost) {
    return alive().startRun(hour, startedAt, planned, lost);
  }

  @Override
  public void markRunning(long runId) {
    alive().markRunning(runId);
  }

  @Override
  public long startRerun(HourPartition hour, Instant startedAt, List<KafkaEvent> rereading) {
    return alive().startRerun(hour, startedAt, rereading);
  }

  @Override
  public void settleDeadRanges(long deadRunId, Instant at, List<RangeOutcome> outcomes) {
    alive().settleDeadRanges(deadRunId, at, outcomes);
  }

  @Override
  public void recordJob(long runId, String jobId) {
    alive().recordJob(runId, jobId);
  }

  @Override
  public List<org.kafkaetl.core.offsets.UnfinishedRun> unfinishedRuns() {
    return alive().unfinishedRuns();
  }

  @Override
  public void markDied(long runId, Instant at) {
    alive().markDied(runId, at);
  }

  @Override
  public List<RangeRecord> ranges(long runId) {
    return alive().ranges(runId);
  }

  @Override
  public List<RangeRecord> rangesOfHour(HourPartition hour, String topic) {
    return alive().rangesOfHour(hour, topic);
  }

  @Override
  public List<RangeRecord> incompleteRanges(HourPartition since) {
    return alive().incompleteRanges(since);
  }

  @Override
  public List<RangeRecord> openRanges() {
    return alive().openRanges();
  }

  @Override
  public Optional<HourPartition> firstFinishedRunHour(HourPartition from) {
    return alive().firstFinishedRunHour(from);
  }

  @Override
  public List<RangeRecord> unfinishedRanges(String topic, HourPartition upTo) {
    return alive().unfinishedRanges(topic, upTo);
  }

  @Override
  public void close() {
    real.close();
  }
}
