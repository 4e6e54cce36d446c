package org.kafkaetl.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Topic partitions as keys of the maps planning and bookkeeping hold for every partition. */
class TopicPartitionTest {
  @Test
  void partitionsOfTopicsNamedAlikeHaveDistinctHashCodes() {
    Set<Integer> codes = new HashSet<>();
    for (int topic = 0; topic < 100; topic++) {
      for (int partition = 0; partition < 1_000; partition++) {
        codes.add(TopicPartition.of("events_" + topic, partition).hashCode());
      }
    }
    assertThat(codes).as("distinct hash codes of 100 topics × 1 000 partitions").hasSizeGreaterThan(99_000);
  }

  @Test
  void equalPartitionsHaveEqualHashCodes() {
    assertThat(TopicPartition.of("events_1", 7)).isEqualTo(TopicPartition.of("events_1", 7))
        .hasSameHashCodeAs(TopicPartition.of("events_1", 7));
  }
}
