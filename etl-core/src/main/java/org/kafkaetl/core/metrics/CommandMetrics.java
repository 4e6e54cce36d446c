package org.kafkaetl.core.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.status.FleetLag;

/**
 * What one command did, for the Pushgateway.
 *
 * @param command run, rerun or merge: the Pushgateway group, so one command's push never replaces
 *     another's
 * @param exitCode what the command exits with
 * @param finished when it ended; the last success time when {@link #succeeded()}
 * @param duration the reading (run, rerun) or merging (merge) part
 * @param mergeDuration the merge after a run or rerun; zero when none ran
 * @param topics per topic what was read and merged
 * @param lastCompleteDay per topic the newest day marked complete that the command saw; topics
 *     without one are left out
 * @param lag per topic the messages in Kafka not landed yet and the age of the oldest of them, and
 *     the partitions most behind, as the command measured after it ended; topics whose lag is not
 *     known are left out
 */
public record CommandMetrics(String command, ExitCode exitCode, Instant finished, Duration duration,
    Duration mergeDuration, Map<String, TopicTally> topics, Map<String, LocalDate> lastCompleteDay, FleetLag lag) {

  public CommandMetrics {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(exitCode, "exitCode");
    Objects.requireNonNull(finished, "finished");
    topics = Map.copyOf(new TreeMap<>(topics));
    lastCompleteDay = Map.copyOf(lastCompleteDay);
    Objects.requireNonNull(lag, "lag");
  }

  /** What a command did, before the fleet's state after it is read. */
  public CommandMetrics(String command, ExitCode exitCode, Instant finished, Duration duration,
      Duration mergeDuration, Map<String, TopicTally> topics, Map<String, LocalDate> lastCompleteDay) {
    this(command, exitCode, finished, duration, mergeDuration, topics, lastCompleteDay, FleetLag.NOT_MEASURED);
  }

  /**
   * Whether everything the command could read landed: exit 0, or 5 (data lost to retention, which
   * its own metric and alert report). Incomplete, failed and locked-out commands are not successes.
   */
  public boolean succeeded() {
    return exitCode == ExitCode.OK || exitCode == ExitCode.DATA_LOST;
  }

  /** The same metrics with the newest complete day and the lag of each topic, read after the command. */
  public CommandMetrics withFleet(Map<String, LocalDate> days, FleetLag lag) {
    return new CommandMetrics(command, exitCode, finished, duration, mergeDuration, topics, days, lag);
  }
}
