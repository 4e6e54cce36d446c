package org.kafkaetl.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How runs size themselves (etl.target.run.time and the keys beside it).
 *
 * @param targetRunTime how long the map tasks of a run should take; empty: runs are not sized, and
 *     split thresholds and etl.max.mappers apply as configured
 * @param minMappers fewest map tasks a sized run uses (when it has that many ranges)
 * @param startRate messages per second one mapper reads of a format of weight 1 before anything was
 *     measured; a topic's starting rate is this over its format weight
 * @param autoSplitTopics topics whose split threshold is auto: derived from their measured rate
 * @param configuredWeights topics whose format weight was set: it balances their ranges instead of
 *     the measured cost
 */
public record RunSizingSettings(Optional<Duration> targetRunTime, int minMappers, double startRate,
    Set<String> autoSplitTopics, Set<String> configuredWeights) {
  /** Runs not sized: today's fixed thresholds and max mappers. */
  public static final RunSizingSettings OFF = new RunSizingSettings(Optional.empty(), 1, 5000, Set.of(), Set.of());

  public RunSizingSettings {
    Objects.requireNonNull(targetRunTime, "targetRunTime");
    autoSplitTopics = Set.copyOf(autoSplitTopics);
    configuredWeights = Set.copyOf(configuredWeights);
    if (minMappers < 1 || !(startRate > 0)) {
      throw new IllegalArgumentException("min mappers and the starting rate must be positive");
    }
  }

  public boolean enabled() {
    return targetRunTime.isPresent();
  }
}
