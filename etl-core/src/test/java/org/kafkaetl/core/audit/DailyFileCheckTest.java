package org.kafkaetl.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.audit.DailyFileCheck.DailyFile;
import org.kafkaetl.core.offsets.RangeState;

class DailyFileCheckTest {
  private static final String DAILY = "/wh/t/2026-11-21/t.0.avro";
  private static final LedgerRow A = segment(0, 10, 100, 400, 0);
  private static final LedgerRow B = segment(10, 20, 400, 650, 0);

  @Test
  void hourlyFilesFromTheHeaderToTheEndAreClean() {
    assertThat(DailyFileCheck.bytes(0, new DailyFile(DAILY, 100, 650, "id"), List.of(B, A))).isEmpty();
    assertThat(DailyFileCheck.ledger(0, List.of(B, A))).isEmpty();
  }

  @Test
  void bytesAfterTheLastHourlyFileAreFound() {
    assertThat(DailyFileCheck.bytes(0, new DailyFile(DAILY, 100, 700, "id"), List.of(A, B))).singleElement()
        .satisfies(f -> assertThat(f.toString()).contains("[DAILY_BYTES]", DAILY, "50 bytes after byte 650"));
  }

  @Test
  void aFileShorterThanTheLedgerIsFound() {
    assertThat(DailyFileCheck.bytes(0, new DailyFile(DAILY, 100, 600, "id"), List.of(A, B))).singleElement()
        .satisfies(f -> assertThat(f.toString()).contains("[DAILY_BYTES]", "600 bytes long", "650"));
  }

  @Test
  void bytesBetweenOrClaimedTwiceAreFound() {
    LedgerRow late = segment(10, 20, 420, 650, 0);
    LedgerRow early = segment(10, 20, 380, 650, 0);
    assertThat(DailyFileCheck.bytes(0, new DailyFile(DAILY, 100, 650, "id"), List.of(A, late))).singleElement()
        .satisfies(f -> assertThat(f.what()).contains("bytes 400-420", "no hourly file"));
    assertThat(DailyFileCheck.bytes(0, new DailyFile(DAILY, 100, 650, "id"), List.of(A, early))).singleElement()
        .satisfies(f -> assertThat(f.what()).contains("bytes 380-400", "claimed by"));
  }

  @Test
  void aFileReplacedBehindTheLedgersBackIsFound() {
    assertThat(DailyFileCheck.bytes(0, new DailyFile(DAILY, 100, 650, "other"), List.of(A, B))).singleElement()
        .satisfies(f -> assertThat(f.kind()).isEqualTo(Finding.Kind.DAILY_FILE));
  }

  @Test
  void rangesMustIncreaseThroughTheParts() {
    LedgerRow part1 = segment(5, 8, 100, 200, 1);
    assertThat(DailyFileCheck.ledger(0, List.of(part1, A, B))).singleElement()
        .satisfies(f -> assertThat(f.toString()).contains("[DAILY_ORDER]", "range 5-8 comes after range 10-20"));
  }

  @Test
  void aLedgerRowMustStandForAFinalRange() {
    LedgerRow unknown = new LedgerRow(0, new OffsetRange(20, 30), A.date(), A.hour(), "/w/x.avro", DAILY, 0, "id",
        650, 700, 10, Optional.empty());
    LedgerRow incomplete = new LedgerRow(0, new OffsetRange(30, 40), A.date(), A.hour(), "/w/y.avro", DAILY, 0, "id",
        700, 750, 10, Optional.of(RangeState.INCOMPLETE));
    assertThat(DailyFileCheck.ledger(0, List.of(A, B, unknown, incomplete))).extracting(Finding::what)
        .containsExactly("merged, but etl_offsets has no row for range 20-30",
            "merged, but etl_offsets says range 30-40 is INCOMPLETE");
  }

  @Test
  void aSegmentMustHoldTheHourlyFilesRecordsAsManyAsTheLedgerSays() {
    ContentDigest hourly = new ContentDigest(10, "abc");
    assertThat(SegmentCheck.compare(A, hourly, Optional.of(hourly))).isEmpty();
    assertThat(SegmentCheck.compare(A, new ContentDigest(11, "abd"), Optional.of(hourly)))
        .extracting(Finding::kind).containsExactly(Finding.Kind.DAILY_CONTENT, Finding.Kind.DAILY_CONTENT);
    assertThat(SegmentCheck.compare(A, new ContentDigest(10, "abd"), Optional.of(hourly))).singleElement()
        .satisfies(f -> assertThat(f.what()).contains("digests differ"));
    assertThat(SegmentCheck.compare(A, new ContentDigest(10, "abd"), Optional.empty()))
        .as("hourly file cleaned up: only the ledger's count compares").isEmpty();
  }

  static LedgerRow segment(long begin, long end, long byteBegin, long byteEnd, int part) {
    return new LedgerRow(0, new OffsetRange(begin, end), LocalDate.of(2026, 11, 21),
        new HourPartition(LocalDateTime.of(2026, 11, 21, 3, 0)), "/w/2026112103/t/2026-11-21/t.0." + begin + "-" + end
            + ".avro", DAILY, part, "id", byteBegin, byteEnd, end - begin, Optional.of(RangeState.COMPLETE));
  }
}
