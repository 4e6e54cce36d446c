package org.kafkaetl.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;

class SameHourNamesTest {
  private static final TopicPartition P0 = TopicPartition.of("t", 0);
  private static final TopicPartition P1 = TopicPartition.of("t", 1);

  @Test
  void aPlanWhoseNamesAreFreeIsKeptAsItIs() {
    RunPlan plan = plan(List.of(List.of(ev(P0, 10, 20)), List.of(ev(P1, 0, 5))));
    SameHourNames.Avoided avoided = SameHourNames.avoid(plan, Set.of(ev(P0, 0, 10)));
    assertThat(avoided.plan()).isSameAs(plan);
    assertThat(avoided.changes()).isEmpty();
  }

  @Test
  void aRangeWithAnEarlierRunsNameIsCutShortAndTheRestLeftToTheNextRun() {
    RunPlan plan = plan(List.of(List.of(ev(P0, 0, 10), ev(P1, 0, 5))));
    SameHourNames.Avoided avoided = SameHourNames.avoid(plan, Set.of(ev(P0, 0, 10), ev(P0, 0, 9)));
    assertThat(avoided.plan().events()).containsExactly(ev(P0, 0, 8), ev(P1, 0, 5));
    assertThat(avoided.plan().assignments()).singleElement()
        .satisfies(a -> assertThat(a.events()).containsExactly(ev(P0, 0, 8), ev(P1, 0, 5)));
    assertThat(avoided.changes()).singleElement().asString().contains("t-0", "the next run the rest");
  }

  @Test
  void aSplitPartitionBecomesOneRangeAndOneThatCannotBeCutIsNotRead() {
    RunPlan plan = plan(List.of(List.of(ev(P0, 0, 50)), List.of(ev(P0, 50, 100), ev(P1, 7, 8))));
    SameHourNames.Avoided avoided = SameHourNames.avoid(plan, Set.of(ev(P0, 50, 100), ev(P1, 7, 8)));
    assertThat(avoided.plan().events()).containsExactly(ev(P0, 0, 100));
    assertThat(avoided.plan().assignments()).singleElement()
        .satisfies(a -> assertThat(a.events()).containsExactly(ev(P0, 0, 100)));
    assertThat(avoided.changes()).hasSize(2).anySatisfy(c -> assertThat(c).contains("t-1", "left to the next run"));
  }

  private static RunPlan plan(List<List<KafkaEvent>> mappers) {
    List<MapperAssignment> assignments = mappers.stream().map(m -> new MapperAssignment(m, m.size())).toList();
    return new RunPlan(mappers.stream().flatMap(List::stream).toList(), List.of(), assignments, List.of(), Map.of());
  }

  private static KafkaEvent ev(TopicPartition p, long begin, long end) {
    return new KafkaEvent(p, new OffsetRange(begin, end));
  }
}
