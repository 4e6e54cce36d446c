package org.kafkaetl.core.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Telling an hourly file a rerun wrote again since its merge, with and without its own recorded time. */
class MergedHourlyFileTest {
  private static final Instant LISTED = Instant.parse("2026-12-07T10:00:00.123Z");
  private static final Instant AN_HOUR_AHEAD = LISTED.plus(Duration.ofHours(1));

  @Test
  void aFileWithItsOwnTimeIsWrittenAgainWhenTheTimeDiffersWhateverTheMergeHostsClock() {
    MergedHourlyFile merged = new MergedHourlyFile(AN_HOUR_AHEAD, LISTED);

    assertThat(merged.writtenAgain(LISTED)).isFalse();
    assertThat(merged.writtenAgain(LISTED.plusSeconds(60))).as("rewritten before the skewed merge time").isTrue();
    assertThat(merged.writtenAgain(LISTED.minusMillis(1))).as("a copy put back from elsewhere").isTrue();
    assertThat(new MergedHourlyFile(LISTED.minus(Duration.ofHours(1)), LISTED).writtenAgain(LISTED))
        .as("a merge host behind the NameNode").isFalse();
  }

  @Test
  void aRowFromBeforeTheFilesTimeWasKeptComparesWithTheMergeTime() {
    MergedHourlyFile merged = new MergedHourlyFile(LISTED, null);

    assertThat(merged.writtenAgain(LISTED.minusSeconds(1))).isFalse();
    assertThat(merged.writtenAgain(LISTED.plusSeconds(1))).isTrue();
  }

  @Test
  void twoRowsOfOnePathKeepTheirTimeOnlyWhenTheyAgree() {
    MergedHourlyFile early = new MergedHourlyFile(LISTED, LISTED);
    MergedHourlyFile late = new MergedHourlyFile(AN_HOUR_AHEAD, LISTED);

    assertThat(early.and(late)).isEqualTo(new MergedHourlyFile(AN_HOUR_AHEAD, LISTED));
    assertThat(early.and(new MergedHourlyFile(AN_HOUR_AHEAD, LISTED.plusSeconds(5))))
        .isEqualTo(new MergedHourlyFile(AN_HOUR_AHEAD, null));
    assertThat(early.and(new MergedHourlyFile(LISTED, null)).modifiedAtMerge()).isNull();
  }

  @Test
  void aFileGoneFromItsHourIsOutOfDateUnlessARebuildRecordedItGone() {
    assertThat(new MergedHourlyFile(LISTED, LISTED).outOfDate(null)).isTrue();
    assertThat(new MergedHourlyFile(LISTED, null).outOfDate(null)).isTrue();
    assertThat(new MergedHourlyFile(LISTED, MergedHourlyFile.ABSENT).outOfDate(null)).isFalse();
    assertThat(new MergedHourlyFile(LISTED, MergedHourlyFile.ABSENT).outOfDate(LISTED))
        .as("written there again after the rebuild").isTrue();
    assertThat(new MergedHourlyFile(LISTED, LISTED).outOfDate(LISTED)).isFalse();
  }
}
