package org.kafkaetl.mapreduce.driver;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.plan.KafkaOffsetsNow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before planning new ranges, a run reads again the INCOMPLETE ranges of recent hours (a broker
 * was down, a task was killed), each from where its earlier read stopped — bounded by attempts and age, so a range that keeps failing ends up
 * with a person, through the alert each attempt sends.
 */
final class IncompleteRetry {
  private static final Logger LOG = LoggerFactory.getLogger(IncompleteRetry.class);

  private final EtlConfig config;
  private final OffsetStore store;
  private final RangeExecution execution;
  private final Clock clock;

  IncompleteRetry(EtlConfig config, OffsetStore store, RangeExecution execution, Clock clock) {
    this.config = config;
    this.store = store;
    this.execution = execution;
    this.clock = clock;
  }

  /** Whether {@link #retry} will read this range (INCOMPLETE as it is now) again. */
  boolean willRetry(RangeRecord range) {
    return withinRetries(range, range.attempts());
  }

  /**
   * Whether {@link #retry} will read a range a dead run left open, once it is settled INCOMPLETE:
   * settling counts the dead run's read as an attempt.
   */
  boolean willRetryOnceSettled(RangeRecord open) {
    return withinRetries(open, open.attempts() + 1);
  }

  private boolean withinRetries(RangeRecord range, int attempts) {
    return range.hour().compareTo(oldestHour()) >= 0 && config.topic(range.event().topic()).isPresent()
        && attempts < config.retry().maxAttempts();
  }

  private HourPartition oldestHour() {
    return HourPartition.containing(clock.instant().minus(config.retry().maxAge()), config.timeZone());
  }

  /**
   * One result per retried hour. Ranges of a recreated topic's old incarnation are not read but
   * recorded LOST ({@link DeletedIncarnations}).
   *
   * Ranges of a topic no read can serve this run (its reader schema could not be had) wait, their
   * attempts untouched, for a run that can.
   *
   * @param kafkaNow what Kafka said at planning: each topic's id now, and the topics not read
   * @param incomplete the run's read of the INCOMPLETE ranges, shared with the retired-topic check
   */
  List<RunResult> retry(RunFence fence, KafkaOffsetsNow kafkaNow, IncompleteRanges incomplete) {
    List<RunResult> results = new ArrayList<>();
    toRetry(kafkaNow, incomplete).forEach((hour, events) -> {
      LOG.info("retrying {} incomplete ranges of hour {}", events.size(), hour);
      results.add(execution.reread(fence, "retry", hour, events, false));
    });
    return results;
  }

  /**
   * The ranges {@link #retry} reads, by hour. Older ones are left out before anything else: a
   * recreated topic's range past etl.retry.max.age is left as it is, not recorded LOST.
   */
  Map<HourPartition, List<KafkaEvent>> toRetry(KafkaOffsetsNow kafkaNow, IncompleteRanges incomplete) {
    HourPartition oldest = oldestHour();
    List<RangeRecord> recent = incomplete.all().stream()
        .filter(r -> r.hour().compareTo(oldest) >= 0)
        .filter(r -> config.topic(r.event().topic()).isPresent())
        .filter(r -> !kafkaNow.blocksEveryRead(r.event().partition()))
        .toList();
    return new TreeMap<>(DeletedIncarnations.readable(store, recent, kafkaNow.topicIds(), clock.instant()).stream()
        .filter(this::willRetry)
        .collect(Collectors.groupingBy(RangeRecord::hour,
            Collectors.mapping(RangeRecord::event, Collectors.toList()))));
  }
}
