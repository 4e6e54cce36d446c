package org.kafkaetl.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kafkaetl.core.OffsetRange;

class RangeTallyTest {
  private static final OffsetRange RANGE = new OffsetRange(100, 110);

  @Test
  void everyOffsetOnceAsDataErrorOrLostIsClean() {
    RangeTally tally = new RangeTally(RANGE);
    tally.lost(new OffsetRange(90, 102));
    landData(tally, 102, 109);
    tally.errorRecord(109);
    RangeResult r = tally.result();
    assertThat(r.findings(0, "range")).isEmpty();
    assertThat(r.expected()).as("lost offsets are not expected").isEqualTo(8);
    assertThat(r.data()).isEqualTo(7);
    assertThat(r.errors()).isEqualTo(1);
    assertThat(r.lost()).as("only the part inside the range").isEqualTo(2);
  }

  @Test
  void anOffsetInNoFileIsMissingAndNamed() {
    RangeTally tally = new RangeTally(RANGE);
    landData(tally, 100, 104);
    landData(tally, 107, 110);
    RangeResult r = tally.result();
    assertThat(r.missing()).isEqualTo(3);
    assertThat(r.findings(0, "range 100-110")).singleElement()
        .satisfies(f -> assertThat(f.toString()).startsWith("[MISSING] partition 0, range 100-110:")
            .contains("offsets 104..106 (3 offsets)"));
  }

  @Test
  void anOffsetLandedTwiceIsADuplicate() {
    RangeTally tally = new RangeTally(RANGE);
    landData(tally, 100, 110);
    tally.dataRecord(105);
    RangeResult r = tally.result();
    assertThat(r.duplicates()).isEqualTo(1);
    assertThat(r.missing()).isZero();
    assertThat(r.findings(0, "range")).singleElement()
        .satisfies(f -> assertThat(f.toString()).contains("[DUPLICATE]", "offsets 105 (1 offset)"));
  }

  @Test
  void anOffsetInBothTheDataAndTheErrorFileIsADuplicate() {
    RangeTally tally = new RangeTally(RANGE);
    landData(tally, 100, 110);
    tally.errorRecord(103);
    assertThat(tally.result().findings(0, "range")).extracting(Finding::kind).containsExactly(Finding.Kind.DUPLICATE);
  }

  @Test
  void aRecordOutsideTheRangeIsExtra() {
    RangeTally tally = new RangeTally(RANGE);
    landData(tally, 100, 110);
    tally.dataRecord(110);
    tally.foreignRecord(5);
    RangeResult r = tally.result();
    assertThat(r.extra()).isEqualTo(2);
    assertThat(r.findings(0, "range")).singleElement()
        .satisfies(f -> assertThat(f.toString()).contains("[EXTRA]", "[110, 5]"));
  }

  @Test
  void aRecordAtAnOffsetRecordedLostIsExtra() {
    RangeTally tally = new RangeTally(RANGE);
    tally.lost(new OffsetRange(100, 105));
    landData(tally, 103, 110);
    RangeResult r = tally.result();
    assertThat(r.findings(0, "range")).singleElement()
        .satisfies(f -> assertThat(f.toString()).contains("[EXTRA]", "offsets 103..104", "etl_lost_ranges"));
  }

  @Test
  void offsetsKafkaHasNoRecordAtAreNotMissing() {
    RangeTally tally = new RangeTally(RANGE);
    landData(tally, 100, 109);
    tally.kafkaRead(RANGE);
    for (long o = 100; o < 109; o++) {
      tally.kafkaRecord(o);
    }
    RangeResult r = tally.result();
    assertThat(r.findings(0, "range")).as("109 is a transaction marker").isEmpty();
    assertThat(r.noRecordInKafka()).isEqualTo(1);
    assertThat(r.expected()).isEqualTo(9);
  }

  @Test
  void withoutKafkaAnOffsetHoldingNoRecordLooksMissing() {
    RangeTally tally = new RangeTally(RANGE);
    landData(tally, 100, 109);
    assertThat(tally.result().missing()).isEqualTo(1);
    assertThat(tally.result().noRecordInKafka()).as("not asked").isEqualTo(-1);
  }

  @Test
  void aRecordLandedWhereKafkaHasNoneDiffersFromKafka() {
    RangeTally tally = new RangeTally(RANGE);
    landData(tally, 100, 110);
    tally.kafkaRead(new OffsetRange(105, 110));
    for (long o = 105; o < 109; o++) {
      tally.kafkaRecord(o);
    }
    assertThat(tally.result().findings(0, "range")).singleElement()
        .satisfies(f -> assertThat(f.toString()).contains("[KAFKA_DIFFERS]", "offsets 109 (1 offset)"));
  }

  @Test
  void recordsWithoutOffsetsCompareByNumberOnly() {
    RangeTally fewer = new RangeTally(RANGE);
    fewer.errorRecord(100);
    landWithoutOffsets(fewer, 8);
    assertThat(fewer.result().findings(0, "range")).singleElement()
        .satisfies(f -> assertThat(f.toString()).contains("[MISSING]", "1 records fewer"));

    RangeTally more = new RangeTally(RANGE);
    landWithoutOffsets(more, 11);
    assertThat(more.result().findings(0, "range")).singleElement()
        .satisfies(f -> assertThat(f.toString()).contains("[DUPLICATE]", "1 records more"));

    RangeTally exact = new RangeTally(RANGE);
    exact.errorRecord(104);
    landWithoutOffsets(exact, 9);
    assertThat(exact.result().findings(0, "range")).isEmpty();
    assertThat(exact.result().offsetsKnown()).isFalse();
  }

  @Test
  void skippedTombstonesAndOffsetsTheReportSaysHoldNoRecordAreNotMissing() {
    RangeTally tally = new RangeTally(RANGE);
    tally.skippedTombstone(103);
    tally.noRecordPerReport(new OffsetRange(108, 110));
    landData(tally, 100, 103);
    landData(tally, 104, 108);
    RangeResult r = tally.result();
    assertThat(r.findings(0, "range")).isEmpty();
    assertThat(r.expected()).isEqualTo(7);
  }

  @Test
  void kafkasWordOutweighsTheReportsWhereKafkaWasRead() {
    RangeTally tally = new RangeTally(RANGE);
    tally.noRecordPerReport(new OffsetRange(108, 110));
    landData(tally, 100, 108);
    tally.kafkaRead(new OffsetRange(100, 110));
    for (long o = 100; o < 109; o++) {
      tally.kafkaRecord(o);
    }
    assertThat(tally.result().findings(0, "range")).singleElement()
        .satisfies(f -> assertThat(f.toString()).contains("[MISSING]", "offsets 108 (1 offset)"));
  }

  @Test
  void aDataRecordAtASkippedTombstoneIsADuplicate() {
    RangeTally tally = new RangeTally(RANGE);
    tally.skippedTombstone(103);
    landData(tally, 100, 110);
    assertThat(tally.result().findings(0, "range")).singleElement()
        .satisfies(f -> assertThat(f.toString()).contains("[DUPLICATE]", "offsets 103 (1 offset)"));
  }

  @Test
  void aRecordBeyondTheOffsetsItsReportNamesIsASurplusEvenWhenAnotherIsMissing() {
    RangeTally tally = new RangeTally(RANGE);
    landData(tally, 100, 109);
    tally.dataRecordBeyondReport();
    assertThat(tally.result().findings(0, "range")).extracting(Finding::kind)
        .containsExactlyInAnyOrder(Finding.Kind.MISSING, Finding.Kind.DUPLICATE);
  }

  private static void landData(RangeTally tally, long from, long to) {
    for (long o = from; o < to; o++) {
      tally.dataRecord(o);
    }
  }

  private static void landWithoutOffsets(RangeTally tally, int records) {
    for (int i = 0; i < records; i++) {
      tally.dataRecordWithoutOffset();
    }
  }
}
