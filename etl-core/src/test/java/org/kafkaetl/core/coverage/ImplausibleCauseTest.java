package org.kafkaetl.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.config.PlausibleEventTimes;

class ImplausibleCauseTest {
  private static final HourPartition HOUR = HourPartition.parse("2026120707");
  private static final PlausibleEventTimes.Bounds BOUNDS = PlausibleEventTimes.DEFAULT.bounds(HOUR, ZoneOffset.UTC);
  private static final long NOW = Instant.parse("2026-12-07T07:30:00Z").toEpochMilli();

  @Test
  void classifiesEachLikelyCause() {
    assertThat(ImplausibleCause.of(NOW, BOUNDS)).isEmpty();
    assertThat(ImplausibleCause.of(Instant.parse("2000-01-01T00:00:00Z").toEpochMilli(), BOUNDS)).isEmpty();
    assertThat(ImplausibleCause.of(0, BOUNDS)).contains(ImplausibleCause.ZERO);
    assertThat(ImplausibleCause.of(-1, BOUNDS)).contains(ImplausibleCause.NEGATIVE);
    assertThat(ImplausibleCause.of(Long.MIN_VALUE, BOUNDS)).contains(ImplausibleCause.NEGATIVE);
    assertThat(ImplausibleCause.of(NOW / 1000, BOUNDS)).contains(ImplausibleCause.EPOCH_SECONDS);
    assertThat(ImplausibleCause.of(NOW * 1000, BOUNDS)).contains(ImplausibleCause.EPOCH_MICROSECONDS);
    assertThat(ImplausibleCause.of(NOW * 1_000_000, BOUNDS)).contains(ImplausibleCause.EPOCH_NANOSECONDS);
    assertThat(ImplausibleCause.of(Instant.parse("1999-12-31T23:59:59Z").toEpochMilli(), BOUNDS))
        .as("times 1000 too far ahead: no other unit fits").contains(ImplausibleCause.BEFORE_MIN);
    assertThat(ImplausibleCause.of(NOW + Duration.ofDays(2).toMillis(), BOUNDS))
        .contains(ImplausibleCause.TOO_FAR_AHEAD);
    assertThat(ImplausibleCause.of(Long.MAX_VALUE, BOUNDS)).contains(ImplausibleCause.TOO_FAR_AHEAD);
  }

  @Test
  void theSkewCountsFromTheEndOfTheRunHourAndTheFloorFromItsDate() {
    PlausibleEventTimes p = new PlausibleEventTimes(LocalDate.of(2020, 1, 1), Duration.ofHours(1));
    PlausibleEventTimes.Bounds b = p.bounds(HOUR, ZoneOffset.UTC);
    assertThat(b.contains(Instant.parse("2026-12-07T09:00:00Z").toEpochMilli())).isTrue();
    assertThat(b.contains(Instant.parse("2026-12-07T09:00:00.001Z").toEpochMilli())).isFalse();
    assertThat(b.contains(Instant.parse("2019-12-31T23:59:59.999Z").toEpochMilli())).isFalse();
  }

  @Test
  void aTallyKeepsTheFirstExampleOfEachCauseAndStartsAnewWithEachRead() {
    ImplausibleTally tally = new ImplausibleTally();
    tally.begin(BOUNDS);
    tally.note(10, NOW);
    tally.note(11, 0);
    tally.note(12, NOW / 1000);
    tally.note(13, 0);
    assertThat(tally.result()).containsExactly(new ImplausibleTimes(ImplausibleCause.ZERO, 2, 11, 0),
        new ImplausibleTimes(ImplausibleCause.EPOCH_SECONDS, 1, 12, NOW / 1000));
    tally.begin(BOUNDS);
    tally.note(20, 0);
    assertThat(tally.result()).containsExactly(new ImplausibleTimes(ImplausibleCause.ZERO, 1, 20, 0));
  }
}
