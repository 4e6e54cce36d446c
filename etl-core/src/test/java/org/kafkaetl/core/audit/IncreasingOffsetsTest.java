package org.kafkaetl.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IncreasingOffsetsTest {
  private static final LedgerRow A = DailyFileCheckTest.segment(0, 10, 100, 400, 0);
  private static final LedgerRow B = DailyFileCheckTest.segment(10, 20, 400, 650, 0);

  @Test
  void strictlyIncreasingOffsetsInTheirRangesAreClean() {
    IncreasingOffsets offsets = new IncreasingOffsets(0);
    offsets.accept(0, A);
    offsets.accept(9, A);
    offsets.accept(12, B);
    assertThat(offsets.findings("daily")).isEmpty();
  }

  @Test
  void aRepeatedOffsetIsFound() {
    IncreasingOffsets offsets = new IncreasingOffsets(0);
    offsets.accept(3, A);
    offsets.accept(3, A);
    assertThat(offsets.findings("daily files t.0")).singleElement()
        .satisfies(f -> assertThat(f.toString()).contains("[DAILY_ORDER]", "1 repeated", "offset 3 repeats"));
  }

  @Test
  void aCopyOfAnEarlierOffsetFurtherOnIsARepeat() {
    IncreasingOffsets offsets = new IncreasingOffsets(0);
    offsets.accept(3, A);
    offsets.accept(4, A);
    offsets.accept(15, B);
    offsets.accept(3, null);
    assertThat(offsets.findings("daily")).singleElement()
        .satisfies(f -> assertThat(f.what()).contains("1 repeated, 0 decreasing", "offset 3 repeats at bytes no ledger row"));
  }

  @Test
  void aDecreasingOffsetIsFound() {
    IncreasingOffsets offsets = new IncreasingOffsets(0);
    offsets.accept(12, B);
    offsets.accept(15, B);
    offsets.accept(14, B);
    assertThat(offsets.findings("daily")).singleElement()
        .satisfies(f -> assertThat(f.what()).contains("1 decreasing", "offset 14", "follows offset 15"));
  }

  @Test
  void anOffsetOutsideItsHourlyFilesRangeIsFound() {
    IncreasingOffsets offsets = new IncreasingOffsets(0);
    offsets.accept(9, A);
    offsets.accept(10, A);
    assertThat(offsets.findings("daily")).singleElement()
        .satisfies(f -> assertThat(f.what()).contains("1 misplaced", "outside its range 0-10"));
  }
}
