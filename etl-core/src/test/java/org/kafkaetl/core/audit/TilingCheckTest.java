package org.kafkaetl.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.offsets.RangeState;

class TilingCheckTest {
  private static final HourPartition H3 = new HourPartition(LocalDateTime.of(2026, 11, 21, 3, 0));
  private final TilingCheck check = new TilingCheck("orders");

  @Test
  void finalRowsThatContinueEachOtherAreClean() {
    TilingCheck.Result r = check.check(List.of(row(0, 10, 20), row(0, 0, 10), row(1, 5, 7)), Map.of(1, 5L),
        Map.of(), Map.of());
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void aGapBetweenTwoRowsIsFound() {
    TilingCheck.Result r = check.check(List.of(row(0, 0, 10), row(0, 12, 20)), Map.of(), Map.of(), Map.of());
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(Finding.Kind.GAP);
      assertThat(f.toString()).contains("range 0-10", "range 12-20", "offsets 10..11 (2 offsets)");
    });
  }

  @Test
  void aGapOfOneOffsetIsFound() {
    TilingCheck.Result r = check.check(List.of(row(0, 0, 10), row(0, 11, 20)), Map.of(), Map.of(), Map.of());
    assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.what()).startsWith("offsets 10 (1 offset)"));
  }

  @Test
  void anOverlapIsFoundEvenBehindALongerRow() {
    TilingCheck.Result r = check.check(List.of(row(0, 0, 30), row(0, 10, 20), row(0, 20, 40)), Map.of(), Map.of(),
        Map.of());
    assertThat(r.findings()).extracting(Finding::kind).containsExactly(Finding.Kind.OVERLAP, Finding.Kind.OVERLAP);
    assertThat(r.findings().get(1).what()).contains("offsets 20..29");
  }

  @Test
  void theWindowsFirstRowMustContinueTheRowBeforeIt() {
    assertThat(check.check(List.of(row(0, 10, 20)), Map.of(0, 8L), Map.of(), Map.of()).findings())
        .singleElement().satisfies(f -> assertThat(f.toString()).contains("[GAP]", "offsets 8..9"));
    assertThat(check.check(List.of(row(0, 10, 20)), Map.of(0, 12L), Map.of(), Map.of()).findings())
        .extracting(Finding::kind).containsExactly(Finding.Kind.OVERLAP);
  }

  @Test
  void aPartitionsFirstRowMustBeginAtItsRecordedStart() {
    assertThat(check.check(List.of(row(0, 10, 20)), Map.of(), Map.of(0, 4L), Map.of()).findings())
        .singleElement().satisfies(f -> assertThat(f.toString()).contains("[GAP]", "offsets 4..9", "etl_partition_starts"));
  }

  @Test
  void anIncompleteRowIsNotFinalAndNamesTheRerun() {
    RangeRow incomplete = new RangeRow(2, new OffsetRange(0, 10), H3, RangeState.INCOMPLETE, 0);
    assertThat(check.check(List.of(incomplete), Map.of(), Map.of(), Map.of()).findings()).singleElement()
        .satisfies(f -> assertThat(f.toString())
            .contains("[NOT_FINAL]", "rerun --topic orders --partition 2 --hour 2026112103"));
  }

  @Test
  void lostOffsetsInALostRowAreNotesNotProblems() {
    RangeRow lost = new RangeRow(0, new OffsetRange(0, 60), H3, RangeState.LOST, 35);
    TilingCheck.Result r = check.check(List.of(lost), Map.of(), Map.of(), Map.of(0, List.of(new OffsetRange(0, 25))));
    assertThat(r.findings()).isEmpty();
    assertThat(r.notes()).singleElement().asString().contains("offsets 0..24 (25 offsets)", "deleted by Kafka");
  }

  @Test
  void lostRowsAndLostRangesMustAgree() {
    RangeRow lostWithoutRanges = new RangeRow(0, new OffsetRange(0, 10), H3, RangeState.LOST, 0);
    RangeRow completeWithLost = row(0, 10, 20);
    TilingCheck.Result r = check.check(List.of(lostWithoutRanges, completeWithLost), Map.of(), Map.of(),
        Map.of(0, List.of(new OffsetRange(12, 14), new OffsetRange(8, 12))));
    assertThat(r.findings()).extracting(Finding::kind).containsOnly(Finding.Kind.LOST_MISMATCH).hasSize(3);
  }

  private static RangeRow row(int partition, long begin, long end) {
    return new RangeRow(partition, new OffsetRange(begin, end), H3, RangeState.COMPLETE, end - begin);
  }
}
