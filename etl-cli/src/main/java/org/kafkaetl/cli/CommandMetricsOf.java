package org.kafkaetl.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.metrics.CommandMetrics;
import org.kafkaetl.core.metrics.TopicTally;
import org.kafkaetl.mapreduce.driver.RunResult;
import org.kafkaetl.merge.DailyMerge;

/** The metrics of a command from its results; the newest complete days are added when they are read. */
final class CommandMetricsOf {
  private CommandMetricsOf() {}

  /** A run or rerun and the merge after it ({@code merged} null when none ran). */
  static CommandMetrics readAndMerge(String command, ExitCode exit, RunResult result, Duration reading,
      MergeAfterRun.Outcome merged, Duration merging) {
    Map<String, TopicTally> topics = new TreeMap<>(TopicTally.of(result.outcomes()));
    result.implausibleEventTimes().forEach((topic, count) ->
        topics.merge(topic, TopicTally.NONE.withImplausibleEventTimes(count), TopicTally::plus));
    if (merged != null) {
      merged.bytesMerged().forEach((topic, bytes) ->
          topics.merge(topic, TopicTally.NONE.withBytesMerged(bytes), TopicTally::plus));
    }
    return new CommandMetrics(command, exit, Instant.now(), reading, merging, topics, Map.of());
  }

  static CommandMetrics merge(String topic, DailyMerge.MergeResult result, Duration merging) {
    return new CommandMetrics("merge", result.exitCode(), Instant.now(), merging, Duration.ZERO,
        Map.of(topic, TopicTally.NONE.withBytesMerged(result.bytes())), Map.of());
  }
}
