package org.kafkaetl.core.config;

import static org.kafkaetl.core.config.Importance.LOW;
import static org.kafkaetl.core.config.Importance.MEDIUM;

import java.time.Duration;
import java.util.List;

/**
 * How runs size themselves from measured throughput (etl.target.run.time and the keys beside it).
 * Declared apart from {@link EtlConfigDef}, which lists these keys with its own.
 */
public final class SizingConfigDef {
  public static final ConfigKey<Duration> TARGET_RUN_TIME = ConfigKey.optional(
      "etl.target.run.time", ConfigType.DURATION, MEDIUM,
      "How long the map tasks of an hourly run should take. Set, each run sizes itself: from each topic's"
          + " per-mapper rate measured by recent runs (the median of the last 5 without a fault; one run lowers"
          + " it by at most a quarter) it derives the split threshold of topics whose split.threshold is auto"
          + " and uses as many map tasks as the load needs to land within this time, between etl.min.mappers"
          + " and etl.max.mappers (or fewer, as many as the job's YARN queue runs side by side, asked at"
          + " planning; a cluster that does not answer leaves etl.max.mappers, with a warning), balanced by"
          + " measured cost. The job's own overhead (its wall time less its longest map task's reading:"
          + " start-up, containers, commit; the median of the last 5 sized runs) is taken off this time first,"
          + " leaving at least a quarter of it for reading. A run that cannot land within it even so says"
          + " before it starts how long it expects to take and which bound stops it, and alerts (WARNING)."
          + " The merge comes on top. Absent: fixed thresholds and etl.max.mappers, as configured.")
      .validatedBy(Validator.positiveDuration());
  public static final ConfigKey<Integer> MIN_MAPPERS = ConfigKey.withDefault(
      "etl.min.mappers", ConfigType.INT, "1", LOW,
      "Fewest map tasks a run sized by etl.target.run.time uses, when it has that many ranges. At most"
          + " etl.max.mappers; a YARN queue that runs fewer side by side wins over it.")
      .validatedBy(Validator.between(1, 10_000));
  public static final ConfigKey<Double> SIZING_START_RATE = ConfigKey.withDefault(
      "etl.sizing.start.rate", ConfigType.DOUBLE, "5000", LOW,
      "Messages per second one map task is assumed to read and land, for a format of weight 1, of a topic"
          + " no run has measured yet; a topic's starting rate is this over its format weight (json: a third)."
          + " Used by runs sized by etl.target.run.time until the topic's first run without a fault.")
      .validatedBy(Validator.positive());

  private static final List<ConfigKey<?>> GLOBAL_KEYS = List.of(
      TARGET_RUN_TIME, MIN_MAPPERS, SIZING_START_RATE);

  private SizingConfigDef() {}

  /** The keys set once per file, in documentation order. */
  public static List<ConfigKey<?>> globalKeys() {
    return GLOBAL_KEYS;
  }
}
