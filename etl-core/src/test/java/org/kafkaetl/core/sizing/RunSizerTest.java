package org.kafkaetl.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.MessageFormat;
import org.kafkaetl.core.config.RunSizingSettings;
import org.kafkaetl.core.config.TopicConfig;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.core.plan.MapperAssignment;
import org.kafkaetl.core.plan.Planner;
import org.kafkaetl.core.plan.RunPlan;
import org.kafkaetl.core.plan.TopicPolicy;

class RunSizerTest {
  private static final Duration TARGET = Duration.ofMinutes(10);

  static TopicConfig topic(String name, MessageFormat format, OptionalLong threshold, double weight) {
    return new TopicConfig(name, format, format.requiresSchema() ? Optional.of("s.avsc") : Optional.empty(),
        Optional.empty(), threshold, weight, 100);
  }

  static RunSizingSettings settings(int minMappers, Set<String> auto, Set<String> weighted) {
    return new RunSizingSettings(Optional.of(TARGET), minMappers, 1000, auto, weighted);
  }

  /** A run that measured {@code rate} messages per second for 100 s. */
  static List<RateSample> measured(double rate) {
    return List.of(new RateSample(1, (long) (rate * 100), (long) (rate * 100 * 200), 100_000, false));
  }

  /** Plans {@code messagesPerPartition} new messages on each partition of topic "t", then sizes the run. */
  static RunSizing sizeTopicT(RunSizer sizer, Map<String, List<RateSample>> history, long... perPartition) {
    Map<String, TopicRate> rates = sizer.rates(history);
    Map<String, TopicPolicy> policies = sizer.policies(rates);
    List<KafkaPartitionOffsets> kafka = new ArrayList<>();
    Map<TopicPartition, Long> ends = new java.util.HashMap<>();
    for (int p = 0; p < perPartition.length; p++) {
      kafka.add(new KafkaPartitionOffsets(TopicPartition.of("t", p), 0, 1000 + perPartition[p]));
      ends.put(TopicPartition.of("t", p), 1000L);
    }
    RunPlan plan = new Planner(policies, true, 8).plan(ends, kafka);
    RunSizing sizing = sizer.size(plan, rates, policies);
    // Sizing only moves events between mappers: the same events, so the same offsets, are planned.
    assertThat(plan.withAssignments(sizing.assignments()).events()).isEqualTo(plan.events());
    return sizing;
  }

  @Test
  void autoThresholdIsWhatOneMapperLandsWithinTheTarget() {
    RunSizer sizer = new RunSizer(settings(1, Set.of("t"), Set.of()), 100,
        List.of(topic("t", MessageFormat.RAW, OptionalLong.empty(), 1.0)));
    RunSizing sizing = sizeTopicT(sizer, Map.of("t", measured(50)), 60_000, 1000);
    // 50 msg/s for 600 s: 30,000 messages a mapper; 60,000 is two ranges of 30,000, plus the small one.
    assertThat(sizing.topics().get(0).threshold()).hasValue(30_000);
    assertThat(sizing.topics().get(0).events()).isEqualTo(3);
    assertThat(sizing.mappers()).isEqualTo(3);
    assertThat(sizing.withinTarget()).isTrue();
    assertThat(sizing.expected()).isLessThanOrEqualTo(TARGET);
  }

  /** A quiet topic's one message that waited for the first poll measures almost no rate at all. */
  @Test
  void aTinyMeasuredRateSplitsABacklogIntoNoMorePartsThanMaxMappers() {
    RunSizer sizer = new RunSizer(settings(1, Set.of("t"), Set.of()), 100,
        List.of(topic("t", MessageFormat.RAW, OptionalLong.empty(), 1.0)));
    RunSizing sizing = sizeTopicT(sizer, Map.of("t", List.of(new RateSample(1, 1, 200, 1_000_000, false))), 5_000_000);
    assertThat(sizing.topics().get(0).threshold()).hasValue(1);
    assertThat(sizing.topics().get(0).events()).isEqualTo(100);
  }

  @Test
  void firstRunWithoutMeasurementsUsesTheStartingRateOverTheFormatWeight() {
    RunSizer sizer = new RunSizer(settings(1, Set.of("t"), Set.of()), 100,
        List.of(topic("t", MessageFormat.JSON, OptionalLong.empty(), 3.0)));
    RunSizing sizing = sizeTopicT(sizer, Map.of(), 1_000_000);
    TopicRate rate = sizing.topics().get(0).rate();
    assertThat(rate.source()).isEqualTo(TopicRate.Source.STARTING);
    assertThat(rate.messagesPerSecond()).isEqualTo(1000 / 3.0);
    assertThat(sizing.topics().get(0).threshold()).hasValue(200_000);
    assertThat(sizing.mappers()).isEqualTo(5);
  }

  @Test
  void mappersStayWithinMinAndMax() {
    List<TopicConfig> topics = List.of(topic("t", MessageFormat.RAW, OptionalLong.empty(), 1.0));
    RunSizing small = sizeTopicT(new RunSizer(settings(3, Set.of("t"), Set.of()), 8, topics),
        Map.of("t", measured(1000)), 10, 10, 10, 10, 10);
    assertThat(small.mappers()).isEqualTo(3);
    RunSizing huge = sizeTopicT(new RunSizer(settings(1, Set.of("t"), Set.of()), 8, topics),
        Map.of("t", measured(1000)), 20_000_000);
    assertThat(huge.mappers()).isEqualTo(8);
    RunSizing fewEvents = sizeTopicT(new RunSizer(settings(4, Set.of(), Set.of()), 8, topics),
        Map.of("t", measured(1000)), 10, 10);
    assertThat(fewEvents.mappers()).isEqualTo(2);
  }

  @Test
  void loadAboveWhatTheMaximumCanDoNamesTheMaxMappersBound() {
    RunSizer sizer = new RunSizer(settings(1, Set.of("t"), Set.of()), 4,
        List.of(topic("t", MessageFormat.RAW, OptionalLong.empty(), 1.0)));
    // 1000 msg/s for 600 s: 600,000 a mapper; each partition would be 5 ranges of 600,000, but no
    // more parts than the 4 mappers: 4 of 750,000 each, 8 ranges on 4 mappers, 2 on each.
    RunSizing sizing = sizeTopicT(sizer, Map.of("t", measured(1000)), 3_000_000, 3_000_000);
    assertThat(sizing.mappers()).isEqualTo(4);
    assertThat(sizing.withinTarget()).isFalse();
    assertThat(sizing.expected()).isEqualTo(Duration.ofMinutes(25));
    assertThat(sizing.bound()).hasValueSatisfying(b -> assertThat(b).startsWith("etl.max.mappers=4").contains("needs about 10"));
    assertThat(sizing.summary()).contains("expected 25.0 min of reading; target 10.0 min");
  }

  @Test
  void aRangeNoSplitMaySplitNamesItsTopicsThreshold() {
    RunSizer sizer = new RunSizer(settings(1, Set.of(), Set.of()), 100,
        List.of(topic("t", MessageFormat.RAW, OptionalLong.empty(), 1.0)));
    RunSizing sizing = sizeTopicT(sizer, Map.of("t", measured(100)), 120_000, 10);
    assertThat(sizing.withinTarget()).isFalse();
    assertThat(sizing.bound()).hasValueSatisfying(b -> assertThat(b).contains("t-0").contains("unset (never split)"));
  }

  @Test
  void aTopicWhoseRateDroppedGetsSmallerSplitsAndMoreMappers() {
    RunSizer sizer = new RunSizer(settings(1, Set.of("t"), Set.of()), 100,
        List.of(topic("t", MessageFormat.RAW, OptionalLong.empty(), 1.0)));
    List<RateSample> fast = new ArrayList<>();
    for (int i = 5; i >= 1; i--) {
      fast.add(new RateSample(i, 100_000, 0, 100_000, false));
    }
    RunSizing before = sizeTopicT(sizer, Map.of("t", fast), 2_000_000);
    List<RateSample> dropped = new ArrayList<>();
    for (int i = 10; i >= 1; i--) {
      dropped.add(new RateSample(i, i > 5 ? 50_000 : 100_000, 0, 100_000, false));
    }
    RunSizing after = sizeTopicT(sizer, Map.of("t", dropped), 2_000_000);
    assertThat(after.topics().get(0).threshold().getAsLong()).isEqualTo(before.topics().get(0).threshold().getAsLong() / 2);
    assertThat(after.mappers()).isGreaterThan(before.mappers());
  }

  @Test
  void oneSlowRunDoesNotHalveTheNextThreshold() {
    RunSizer sizer = new RunSizer(settings(1, Set.of("t"), Set.of()), 100,
        List.of(topic("t", MessageFormat.RAW, OptionalLong.empty(), 1.0)));
    List<RateSample> steady = List.of(new RateSample(1, 100_000, 0, 100_000, false));
    List<RateSample> thenSlow = List.of(new RateSample(2, 10_000, 0, 100_000, false), steady.get(0));
    long usual = sizeTopicT(sizer, Map.of("t", steady), 1000).topics().get(0).threshold().getAsLong();
    long afterSlow = sizeTopicT(sizer, Map.of("t", thenSlow), 1000).topics().get(0).threshold().getAsLong();
    assertThat(afterSlow).isEqualTo(usual * 3 / 4);
  }

  @Test
  void balancesMappersByCostNotCount() {
    List<TopicConfig> topics = List.of(topic("slow", MessageFormat.RAW, OptionalLong.of(1000), 1.0),
        topic("fast", MessageFormat.RAW, OptionalLong.of(1000), 1.0));
    RunSizer sizer = new RunSizer(settings(2, Set.of(), Set.of()), 2, topics);
    Map<String, TopicRate> rates = sizer.rates(Map.of("slow", measured(10), "fast", measured(40)));
    Map<String, TopicPolicy> policies = sizer.policies(rates);
    assertThat(policies.get("slow").weight()).isEqualTo(4 * policies.get("fast").weight());
    List<KafkaEvent> events = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      events.add(new KafkaEvent(TopicPartition.of("fast", i), new OffsetRange(0, 1000)));
    }
    events.add(new KafkaEvent(TopicPartition.of("slow", 0), new OffsetRange(0, 1000)));
    RunPlan plan = new RunPlan(events, List.of(), List.of(), List.of(), Map.of());
    RunSizing sizing = sizer.size(plan, rates, policies);
    // The slow range costs as much as the four fast ones: one mapper each, not 3 ranges and 2.
    assertThat(sizing.assignments()).extracting(a -> a.events().size()).containsExactlyInAnyOrder(1, 4);
    assertThat(sizing.expected()).isEqualTo(Duration.ofSeconds(100));
  }

  @Test
  void aConfiguredWeightWinsOverTheMeasuredOne() {
    RunSizer sizer = new RunSizer(settings(1, Set.of(), Set.of("t")), 8,
        List.of(topic("t", MessageFormat.JSON, OptionalLong.empty(), 7.5)));
    Map<String, TopicPolicy> policies = sizer.policies(sizer.rates(Map.of("t", measured(10))));
    assertThat(policies.get("t").weight()).isEqualTo(7.5);
  }

  @Test
  void everyPlannedOffsetStaysInExactlyOneAssignment() {
    RunSizer sizer = new RunSizer(settings(1, Set.of("t"), Set.of()), 6,
        List.of(topic("t", MessageFormat.RAW, OptionalLong.empty(), 1.0)));
    RunSizing sizing = sizeTopicT(sizer, Map.of("t", measured(7)), 100_003, 5, 77_777, 0, 1);
    Set<KafkaEvent> seen = new HashSet<>();
    long messages = 0;
    for (MapperAssignment a : sizing.assignments()) {
      for (KafkaEvent e : a.events()) {
        assertThat(seen.add(e)).isTrue();
        messages += e.messages();
      }
    }
    assertThat(messages).isEqualTo(100_003 + 5 + 77_777 + 1);
  }

  @Test
  void refusesToSizeWithoutATarget() {
    assertThatThrownBy(() -> new RunSizer(RunSizingSettings.OFF, 8, List.of()))
        .hasMessageContaining("target run time");
  }

  @Test
  void summaryJsonNamesRateThresholdEventsAndMappersPerTopic() {
    RunSizer sizer = new RunSizer(settings(1, Set.of("t"), Set.of()), 100,
        List.of(topic("t", MessageFormat.RAW, OptionalLong.empty(), 1.0)));
    String json = sizeTopicT(sizer, Map.of("t", measured(50)), 60_000).toJson();
    assertThat(json).contains("\"topic\":\"t\"", "\"messagesPerSecond\":50", "\"threshold\":30000", "\"events\":2",
        "\"mappers\":2", "\"rateSource\":\"measured\"", "\"withinTarget\":true");
  }

  @Test
  void statusLineComparesExpectedWithActual() {
    ThroughputHistory.RunTiming timing = new ThroughputHistory.RunTiming(812, "2026120714", Duration.ofMinutes(20),
        Duration.ofSeconds(750), Duration.ofSeconds(906), 6);
    assertThat(timing.describe()).isEqualTo("last sized run 812 (hour 2026120714): 6 map tasks expected to read for"
        + " 12.5 min (target 20.0 min); the run took 15.1 min with job start-up");
  }
}
