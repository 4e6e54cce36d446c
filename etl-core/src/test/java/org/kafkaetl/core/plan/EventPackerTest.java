package org.kafkaetl.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;

class EventPackerTest {

  @Test
  void neverMoreMappersThanEventsOrMax() {
    List<KafkaEvent> events = events("t", 3, 10);
    assertThat(new EventPacker(8).pack(events, KafkaEvent::messages)).hasSize(3);
    assertThat(new EventPacker(2).pack(events, KafkaEvent::messages)).hasSize(2);
    assertThat(new EventPacker(2).pack(List.of(), KafkaEvent::messages)).isEmpty();
  }

  @Test
  void everyEventIsAssignedExactlyOnce() {
    List<KafkaEvent> events = new ArrayList<>();
    for (int p = 0; p < 37; p++) {
      events.add(new KafkaEvent(TopicPartition.of("t", p), new OffsetRange(0, 1 + (p * 7919L) % 1000)));
    }
    List<MapperAssignment> packed = new EventPacker(8).pack(events, KafkaEvent::messages);
    assertThat(packed.stream().flatMap(a -> a.events().stream())).containsExactlyInAnyOrderElementsOf(events);
  }

  @Test
  void balancesWeightedLoadLargestFirst() {
    // sizes 7,5,4,3,3 onto 2 mappers: LPT gives {7,3}=10 and {5,4,3}=12 -- critical path 12 of ideal 11
    List<KafkaEvent> events = List.of(ev(0, 7), ev(1, 5), ev(2, 4), ev(3, 3), ev(4, 3));
    List<MapperAssignment> packed = new EventPacker(2).pack(events, KafkaEvent::messages);
    assertThat(packed.stream().mapToDouble(MapperAssignment::weightedLoad).max().orElseThrow()).isEqualTo(12.0);
  }

  @Test
  void weightsShiftLoadAwayFromCostlyFormats() {
    KafkaEvent json = new KafkaEvent(TopicPartition.of("json", 0), new OffsetRange(0, 100));
    KafkaEvent raw1 = new KafkaEvent(TopicPartition.of("raw", 0), new OffsetRange(0, 100));
    KafkaEvent raw2 = new KafkaEvent(TopicPartition.of("raw", 1), new OffsetRange(0, 100));
    List<MapperAssignment> packed =
        new EventPacker(2).pack(List.of(json, raw1, raw2), e -> e.messages() * (e.topic().equals("json") ? 3.0 : 1.0));
    assertThat(packed).anySatisfy(a -> assertThat(a.events()).containsExactly(json));
    assertThat(packed).anySatisfy(a -> assertThat(a.events()).containsExactlyInAnyOrder(raw1, raw2));
  }

  @Test
  void rejectsZeroMappers() {
    assertThatThrownBy(() -> new EventPacker(0)).hasMessageContaining("max mappers");
  }

  private static KafkaEvent ev(int partition, long size) {
    return new KafkaEvent(TopicPartition.of("t", partition), new OffsetRange(0, size));
  }

  private static List<KafkaEvent> events(String topic, int n, long size) {
    List<KafkaEvent> events = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      events.add(new KafkaEvent(TopicPartition.of(topic, p), new OffsetRange(0, size)));
    }
    return events;
  }
}
