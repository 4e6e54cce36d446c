package org.kafkaetl.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.OffsetRange;

class SplitRuleTest {
  private static final long T = 100;

  @ParameterizedTest(name = "n={0} -> {1} parts")
  @CsvSource({"1,1", "100,1", "101,2", "199,2", "200,2", "201,3", "250,3", "300,3", "301,4", "1000,10", "1001,11"})
  void partCountFollowsTheSeedRule(long n, int expectedParts) {
    List<OffsetRange> parts = SplitRule.split(new OffsetRange(7, 7 + n), OptionalLong.of(T));
    assertThat(parts).hasSize(expectedParts);
    assertTiles(parts, 7, 7 + n);
    long min = parts.stream().mapToLong(OffsetRange::count).min().orElseThrow();
    long max = parts.stream().mapToLong(OffsetRange::count).max().orElseThrow();
    assertThat(max - min).as("near-equal parts").isLessThanOrEqualTo(1);
  }

  @Test
  void zeroMessagesGiveNoEvent() {
    assertThat(SplitRule.split(new OffsetRange(5, 5), OptionalLong.of(T))).isEmpty();
    assertThat(SplitRule.split(new OffsetRange(5, 5), OptionalLong.empty())).isEmpty();
  }

  @Test
  void noThresholdNeverSplits() {
    assertThat(SplitRule.split(new OffsetRange(0, 10_000_000), OptionalLong.empty()))
        .containsExactly(new OffsetRange(0, 10_000_000));
  }

  @Test
  void thresholdOfOneSplitsIntoSingleMessages() {
    List<OffsetRange> parts = SplitRule.split(new OffsetRange(0, 5), OptionalLong.of(1));
    assertThat(parts).hasSize(5);
    assertTiles(parts, 0, 5);
  }

  @Test
  void aCapOnPartsMakesFewerLargerPartsThatStillTile() {
    List<OffsetRange> parts = SplitRule.split(new OffsetRange(10, 1_000_010), OptionalLong.of(1), 8);
    assertThat(parts).hasSize(8);
    assertThat(parts).allMatch(p -> p.count() == 125_000);
    assertTiles(parts, 10, 1_000_010);
  }

  static void assertTiles(List<OffsetRange> parts, long begin, long end) {
    long next = begin;
    for (OffsetRange part : parts) {
      assertThat(part.begin()).isEqualTo(next);
      assertThat(part.count()).isPositive();
      next = part.end();
    }
    assertThat(next).isEqualTo(end);
  }
}
