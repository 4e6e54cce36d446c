package org.kafkaetl.core.sizing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.config.RunSizingSettings;
import org.kafkaetl.core.config.TopicConfig;
import org.kafkaetl.core.plan.EventPacker;
import org.kafkaetl.core.plan.MapperAssignment;
import org.kafkaetl.core.plan.RunPlan;
import org.kafkaetl.core.plan.TopicPolicy;

/**
 * Sizes a run to land within the target run time: from each topic's rate, the messages one mapper
 * lands within the target less the job's overhead ({@link ReadingBudget}; the split threshold of auto
 * topics), then the map tasks the planned load needs within [min, max] mappers, balanced by cost
 * (messages × weight) rather than by count. The upper bound is etl.max.mappers, or the map tasks the
 * job's queue runs side by side when that is fewer ({@link QueueSlots}). Only how the planned ranges
 * are split among mappers changes; every offset stays in exactly one range.
 */
public final class RunSizer {
  /** Rounds of re-packing with more mappers when the first count leaves one mapper over the target. */
  private static final int PACKING_ROUNDS = 4;

  private final RunSizingSettings settings;
  private final ReadingBudget budget;
  /** Seconds one map task may read: the target less the job's overhead. */
  private final double reading;
  private final int maxMappers;
  private final Optional<QueueSlots> queue;
  /** The most map tasks: etl.max.mappers, or the queue's room when smaller. */
  private final int upper;
  /** The fewest: etl.min.mappers, unless the queue holds fewer. */
  private final int lower;
  private final Map<String, TopicConfig> topics = new TreeMap<>();

  /** Sized against the whole target, within etl.max.mappers alone. */
  public RunSizer(RunSizingSettings settings, int maxMappers, List<TopicConfig> topics) {
    this(settings, maxMappers, topics, Optional.empty(), List.of());
  }

  /**
   * @param queue the map tasks the job's queue runs side by side; empty: unknown, etl.max.mappers alone
   * @param recentOverheads the job overheads recent runs measured ({@link RunOverhead}), taken off the target
   */
  public RunSizer(RunSizingSettings settings, int maxMappers, List<TopicConfig> topics, Optional<QueueSlots> queue,
      List<Duration> recentOverheads) {
    this.settings = settings;
    this.budget = ReadingBudget.of(settings.targetRunTime()
        .orElseThrow(() -> new IllegalArgumentException("runs are sized only with a target run time")),
        recentOverheads);
    this.reading = seconds(budget.reading());
    this.maxMappers = maxMappers;
    this.queue = queue;
    this.upper = queue.map(q -> Math.min(maxMappers, q.mapTasks())).orElse(maxMappers);
    this.lower = Math.min(settings.minMappers(), upper);
    topics.forEach(t -> this.topics.put(t.name(), t));
  }

  /** The target, the overhead taken off it and what is left for reading. */
  public ReadingBudget budget() {
    return budget;
  }

  /** Each topic's rate, from its recent measurements (newest first) or the starting rate. */
  public Map<String, TopicRate> rates(Map<String, List<RateSample>> history) {
    Map<String, TopicRate> rates = new TreeMap<>();
    topics.values().forEach(t -> rates.put(t.name(), RateSmoothing.rate(t.name(),
        history.getOrDefault(t.name(), List.of()), settings.startRate() / t.formatWeight())));
    return rates;
  }

  /**
   * The planner's policies: an auto topic's threshold is what one mapper lands within the target; a
   * topic's weight is its configured one, else its measured cost relative to a weight-1 message.
   */
  public Map<String, TopicPolicy> policies(Map<String, TopicRate> rates) {
    Map<String, TopicPolicy> policies = new TreeMap<>();
    for (TopicConfig t : topics.values()) {
      TopicRate rate = rates.get(t.name());
      OptionalLong threshold = settings.autoSplitTopics().contains(t.name())
          ? OptionalLong.of(Math.max(1, (long) Math.floor(rate.messagesPerSecond() * reading)))
          : t.splitThreshold();
      double weight = settings.configuredWeights().contains(t.name()) ? t.formatWeight()
          : settings.startRate() / rate.messagesPerSecond();
      boolean auto = settings.autoSplitTopics().contains(t.name());
      policies.put(t.name(), new TopicPolicy(t.name(), threshold, weight, auto ? maxMappers : Long.MAX_VALUE));
    }
    return policies;
  }

  /**
   * Packs the plan's events onto as many mappers as the load needs to land within the target: at
   * least min mappers, at most max, never more than there are events.
   */
  public RunSizing size(RunPlan plan, Map<String, TopicRate> rates, Map<String, TopicPolicy> policies) {
    List<KafkaEvent> events = plan.events();
    double total = events.stream().mapToDouble(e -> seconds(e, rates)).sum();
    int mappers = clamp((int) Math.min(Integer.MAX_VALUE, Math.ceil(total / reading)));
    List<MapperAssignment> packed = pack(events, mappers, policies);
    double expected = longest(packed, rates);
    for (int round = 0; round < PACKING_ROUNDS && expected > reading && mappers < maxUsable(events); round++) {
      // LPT leaves the largest mapper above the average: ask for as many more as it is over.
      mappers = clamp((int) Math.min(Integer.MAX_VALUE, Math.ceil(mappers * expected / reading)));
      packed = pack(events, mappers, policies);
      expected = longest(packed, rates);
    }
    return new RunSizing(budget, Duration.ofMillis(Math.round(expected * 1000)), topicSizings(plan, packed, rates,
        policies), packed, new RunSizing.Upper(upper, upperBy(), queue),
        boundReason(events, packed, expected, total, rates, policies));
  }

  /** What sets the most map tasks: the queue when it holds fewer than etl.max.mappers. */
  private String upperBy() {
    return upper < maxMappers ? queue.orElseThrow().describe() : "etl.max.mappers=" + maxMappers;
  }

  private int clamp(int mappers) {
    return Math.max(lower, Math.min(upper, Math.max(1, mappers)));
  }

  private int maxUsable(List<KafkaEvent> events) {
    return Math.min(upper, events.size());
  }

  private static List<MapperAssignment> pack(List<KafkaEvent> events, int mappers, Map<String, TopicPolicy> policies) {
    return new EventPacker(mappers).pack(events, e -> e.messages() * policies.get(e.topic()).weight());
  }

  /** Why the run cannot land within the target, or empty when it can. */
  private Optional<String> boundReason(List<KafkaEvent> events, List<MapperAssignment> packed,
      double expected, double total, Map<String, TopicRate> rates, Map<String, TopicPolicy> policies) {
    if (expected <= reading) {
      return Optional.empty();
    }
    KafkaEvent largest = events.stream().max(java.util.Comparator.comparingDouble(e -> seconds(e, rates))).orElseThrow();
    // An auto topic's range is only that large when its parts hit the cap of max mappers: that bound below.
    if (seconds(largest, rates) > reading && !settings.autoSplitTopics().contains(largest.topic())) {
      OptionalLong threshold = policies.get(largest.topic()).splitThreshold();
      return Optional.of("range " + largest + " (" + largest.messages() + " messages) alone takes "
          + format(seconds(largest, rates)) + " on one mapper: topic.<name>.split.threshold of " + largest.topic()
          + " is " + (threshold.isPresent() ? threshold.getAsLong() + " (fixed)" : "unset (never split)")
          + "; set it to auto to split the range");
    }
    return Optional.of(upperBy() + ": " + packed.size() + " map tasks at " + format(expected) + " each at most; landing"
        + " within " + format(reading) + " needs about " + (long) Math.ceil(total / reading));
  }

  private static List<RunSizing.TopicSizing> topicSizings(RunPlan plan, List<MapperAssignment> packed,
      Map<String, TopicRate> rates, Map<String, TopicPolicy> policies) {
    List<RunSizing.TopicSizing> sizings = new ArrayList<>();
    for (TopicRate rate : rates.values()) {
      String topic = rate.topic();
      List<KafkaEvent> ofTopic = plan.events().stream().filter(e -> e.topic().equals(topic)).toList();
      long mappers = packed.stream().filter(a -> a.events().stream().anyMatch(e -> e.topic().equals(topic))).count();
      sizings.add(new RunSizing.TopicSizing(topic, rate, policies.get(topic).splitThreshold(),
          policies.get(topic).weight(), ofTopic.size(), ofTopic.stream().mapToLong(KafkaEvent::messages).sum(),
          (int) mappers));
    }
    return sizings;
  }

  private static double longest(List<MapperAssignment> packed, Map<String, TopicRate> rates) {
    return packed.stream().mapToDouble(a -> a.events().stream().mapToDouble(e -> seconds(e, rates)).sum())
        .max().orElse(0);
  }

  private static double seconds(KafkaEvent event, Map<String, TopicRate> rates) {
    return event.messages() / rates.get(event.topic()).messagesPerSecond();
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  /** Seconds as people read them: "12.5 s", "25.0 min". */
  public static String format(double seconds) {
    return seconds < 120 ? String.format(java.util.Locale.ROOT, "%.1f s", seconds)
        : String.format(java.util.Locale.ROOT, "%.1f min", seconds / 60);
  }
}
