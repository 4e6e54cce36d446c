package org.kafkaetl.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kafkaetl.core.sizing.RunSizerTest.measured;
import static org.kafkaetl.core.sizing.RunSizerTest.settings;
import static org.kafkaetl.core.sizing.RunSizerTest.sizeTopicT;
import static org.kafkaetl.core.sizing.RunSizerTest.topic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.config.MessageFormat;
import org.kafkaetl.core.config.TopicConfig;

/** The limits a sized run meets beyond its configuration: the job's queue, and the job's own overhead. */
class RunSizerLimitsTest {
  private static final List<TopicConfig> TOPIC_T = List.of(topic("t", MessageFormat.RAW, OptionalLong.empty(), 1.0));
  private static final QueueSlots THREE = new QueueSlots("root.etl", 3, "12288 MB, 4 vcores; 4096 MB, 1 vcore a map task");

  private static RunSizer sizer(int minMappers, int maxMappers, Optional<QueueSlots> queue, Duration... overheads) {
    return new RunSizer(settings(minMappers, Set.of("t"), Set.of()), maxMappers, TOPIC_T, queue, List.of(overheads));
  }

  @Test
  void aQueueRunningFewerMapTasksThanMaxMappersCapsTheRunAndIsNamedAsItsBound() throws Exception {
    // 1000 msg/s for 600 s: 600,000 a mapper; 3,000,000 need 5 map tasks, the queue runs 3.
    RunSizing sizing = sizeTopicT(sizer(1, 8, Optional.of(THREE)), Map.of("t", measured(1000)), 3_000_000);
    assertThat(sizing.mappers()).isEqualTo(3);
    assertThat(sizing.withinTarget()).isFalse();
    assertThat(sizing.bound()).hasValueSatisfying(b -> assertThat(b)
        .startsWith("queue root.etl runs 3 map tasks side by side (12288 MB, 4 vcores; 4096 MB, 1 vcore a map task)")
        .contains("needs about 5"));
    assertThat(sizing.summary()).contains("(at most 3: queue root.etl runs 3 map tasks side by side");
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sizing.toJson());
    assertThat(json.get("maxMappers").asInt()).isEqualTo(3);
    assertThat(json.get("maxMappersBy").asText()).startsWith("queue root.etl");
    assertThat(json.get("queue").asText()).isEqualTo("root.etl");
    assertThat(json.get("queueMapTasks").asInt()).isEqualTo(3);
  }

  @Test
  void aQueueRoomierThanMaxMappersLeavesMaxMappersTheBound() {
    RunSizing sizing = sizeTopicT(sizer(1, 2, Optional.of(THREE)), Map.of("t", measured(1000)), 3_000_000);
    assertThat(sizing.mappers()).isEqualTo(2);
    assertThat(sizing.bound()).hasValueSatisfying(b -> assertThat(b).startsWith("etl.max.mappers=2"));
    assertThat(sizing.upper().queue()).contains(THREE);
  }

  @Test
  void aQueueSmallerThanMinMappersWinsOverIt() {
    // 4 small ranges and etl.min.mappers=4: 4 map tasks without a queue, 3 with one that runs only 3.
    RunSizing unbounded = sizeTopicT(sizer(4, 8, Optional.empty()), Map.of("t", measured(1000)), 10, 10, 10, 10);
    assertThat(unbounded.mappers()).isEqualTo(4);
    RunSizing queued = sizeTopicT(sizer(4, 8, Optional.of(THREE)), Map.of("t", measured(1000)), 10, 10, 10, 10);
    assertThat(queued.mappers()).isEqualTo(3);
    assertThat(queued.withinTarget()).isTrue();
  }

  @Test
  void theMedianOverheadOfRecentRunsComesOffTheTargetBeforeThresholdsAndMappers() {
    // target 10 min, overheads 1, 2 and 9 min: the median 2 min leaves 8 min, 480,000 messages at 1000 msg/s.
    RunSizing sizing = sizeTopicT(sizer(1, 8, Optional.empty(), Duration.ofMinutes(9), Duration.ofMinutes(1),
        Duration.ofMinutes(2)), Map.of("t", measured(1000)), 1_000_000);
    assertThat(sizing.topics().get(0).threshold()).hasValue(480_000);
    assertThat(sizing.mappers()).isEqualTo(3);
    assertThat(sizing.budget().reading()).isEqualTo(Duration.ofMinutes(8));
    assertThat(sizing.summary()).contains("target 10.0 min less 2.0 min of job overhead (median of recent runs):"
        + " 8.0 min for reading");
    // without the overhead, the same hour fits two map tasks of 600,000
    RunSizing whole = sizeTopicT(sizer(1, 8, Optional.empty()), Map.of("t", measured(1000)), 1_000_000);
    assertThat(whole.topics().get(0).threshold()).hasValue(600_000);
    assertThat(whole.mappers()).isEqualTo(2);
  }

  @Test
  void anOverheadAboveThreeQuartersOfTheTargetLeavesAQuarterForReadingAndSaysSo() {
    ReadingBudget budget = ReadingBudget.of(Duration.ofMinutes(10), List.of(Duration.ofMinutes(20)));
    assertThat(budget.reading()).isEqualTo(Duration.ofSeconds(150));
    assertThat(budget.floored()).isTrue();
    assertThat(budget.describe()).contains("2.5 min for reading, held at a quarter of the target");
    RunSizing sizing = sizeTopicT(sizer(1, 8, Optional.empty(), Duration.ofMinutes(20)), Map.of("t", measured(1000)),
        300_000);
    assertThat(sizing.topics().get(0).threshold()).hasValue(150_000);
    assertThat(ReadingBudget.of(Duration.ofMinutes(10), List.of(Duration.ofMinutes(7))).floored()).isFalse();
    assertThat(ReadingBudget.of(Duration.ofMinutes(10), List.of())).isEqualTo(ReadingBudget.whole(Duration.ofMinutes(10)));
  }
}
