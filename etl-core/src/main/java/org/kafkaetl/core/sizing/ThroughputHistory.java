package org.kafkaetl.core.sizing;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where runs keep how they were sized and what their map tasks measured, for the next runs to size
 * themselves from. Every method may throw {@link org.kafkaetl.core.RetriableException} when the
 * store is unreachable.
 */
public interface ThroughputHistory {
  /** Keeps nothing and knows nothing: every run is sized from the starting rates. */
  ThroughputHistory NONE = new ThroughputHistory() {
    @Override
    public Map<String, List<RateSample>> recent(Collection<String> topics, int runs) {
      return Map.of();
    }

    @Override
    public void recordSizing(long runId, RunSizing sizing) {}

    @Override
    public List<Duration> recentOverheads(int runs) {
      return List.of();
    }

    @Override
    public void recordMeasured(long runId, Map<String, RateSample> measured, Optional<Duration> overhead) {}

    @Override
    public Optional<RunTiming> lastSizedRun() {
      return Optional.empty();
    }
  };

  /** Per topic, the measurements of its last {@code runs} runs without a fault, newest first. */
  Map<String, List<RateSample>> recent(Collection<String> topics, int runs);

  /** Stores how run {@code runId} was sized, before its job starts. */
  void recordSizing(long runId, RunSizing sizing);

  /** The job overheads ({@link RunOverhead}) of the last {@code runs} sized runs that measured one, newest first. */
  List<Duration> recentOverheads(int runs);

  /**
   * Stores what the map tasks of run {@code runId} measured, per topic, once its outcomes are
   * recorded, and its job's overhead when known.
   */
  void recordMeasured(long runId, Map<String, RateSample> measured, Optional<Duration> overhead);

  /** The last sized run that ended: how long it was expected to take and how long it took. */
  Optional<RunTiming> lastSizedRun();

  /**
   * Expected against actual time of one sized run.
   *
   * @param expected the busiest map task's expected reading time
   * @param actual from the run's start to its outcomes recorded: job start-up included
   */
  record RunTiming(long runId, String hour, Duration target, Duration expected, Duration actual, int mappers) {
    /** One line for status. */
    public String describe() {
      return "last sized run " + runId + " (hour " + hour + "): " + mappers + " map tasks expected to read for "
          + RunSizer.format(expected.toMillis() / 1000.0) + " (target " + RunSizer.format(target.toMillis() / 1000.0)
          + "); the run took " + RunSizer.format(actual.toMillis() / 1000.0) + " with job start-up";
    }
  }
}
