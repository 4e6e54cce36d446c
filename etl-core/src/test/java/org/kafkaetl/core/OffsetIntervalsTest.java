package org.kafkaetl.core;

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

  @Test
  void theUnionOfRangesInAnyOrderIsSortedAndMerged() {
    OffsetIntervals union = OffsetIntervals.of(java.util.List.of(new OffsetRange(20, 25), new OffsetRange(0, 5),
        new OffsetRange(4, 8), new OffsetRange(8, 9)));
    assertThat(union.ranges()).containsExactly(new OffsetRange(0, 9), new OffsetRange(20, 25));
  }

  @Test
  void theComplementInARangeIsWhatTheSetDoesNotHoldThere() {
    OffsetIntervals set = OffsetIntervals.of(java.util.List.of(new OffsetRange(2, 4), new OffsetRange(6, 7),
        new OffsetRange(12, 20)));
    assertThat(set.complementIn(new OffsetRange(0, 15)).ranges())
        .containsExactly(new OffsetRange(0, 2), new OffsetRange(4, 6), new OffsetRange(7, 12));
    assertThat(set.complementIn(new OffsetRange(3, 6)).ranges()).containsExactly(new OffsetRange(4, 6));
    assertThat(set.complementIn(new OffsetRange(13, 19)).isEmpty()).isTrue();
    assertThat(set.complementIn(new OffsetRange(20, 22)).ranges()).containsExactly(new OffsetRange(20, 22));
  }

  @Test
  void minusKeepsWhatTheOtherSetLacks() {
    OffsetIntervals a = OffsetIntervals.of(java.util.List.of(new OffsetRange(0, 10), new OffsetRange(20, 30)));
    OffsetIntervals b = OffsetIntervals.of(java.util.List.of(new OffsetRange(3, 5), new OffsetRange(9, 21)));
    assertThat(a.minus(b).ranges()).containsExactly(new OffsetRange(0, 3), new OffsetRange(5, 9),
        new OffsetRange(21, 30));
    assertThat(b.minus(a).ranges()).containsExactly(new OffsetRange(10, 20));
  }
}
