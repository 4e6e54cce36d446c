package org.kafkaetl.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class OffsetIntervalsTest {
  @Test
  void consecutiveOffsetsBecomeOneInterval() {
    OffsetIntervals offsets = new OffsetIntervals();
    offsets.add(5);
    offsets.add(6);
    offsets.add(7, 9);
    offsets.add(20);
    assertThat(offsets).hasToString("5..8, 20 (5 offsets)");
    assertThat(offsets.count()).isEqualTo(5);
  }

  @Test
  void containsFindsOffsetsInsideIntervalsOnly() {
    OffsetIntervals offsets = new OffsetIntervals();
    offsets.add(5, 8);
    offsets.add(20);
    assertThat(offsets.contains(5)).isTrue();
    assertThat(offsets.contains(7)).isTrue();
    assertThat(offsets.contains(8)).isFalse();
    assertThat(offsets.contains(4)).isFalse();
    assertThat(offsets.contains(20)).isTrue();
    assertThat(offsets.contains(21)).isFalse();
  }

  @Test
  void bitsStandForOffsetsFromABase() {
    BitSet bits = new BitSet();
    bits.set(0, 3);
    bits.set(10);
    assertThat(OffsetIntervals.ofBits(bits, 1000)).hasToString("1000..1002, 1010 (4 offsets)");
  }

  @Test
  void longListsAreCut() {
    OffsetIntervals offsets = new OffsetIntervals();
    for (long o = 0; o < 30; o += 2) {
      offsets.add(o);
    }
    assertThat(offsets.toString()).endsWith("… 5 more intervals (15 offsets)");
  }

  @Test
  void offsetsOutOfOrderAreRefused() {
    OffsetIntervals offsets = new OffsetIntervals();
    offsets.add(10);
    assertThatThrownBy(() -> offsets.add(3)).isInstanceOf(IllegalArgumentException.class);
  }
}
