package org.kafkaetl.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;

class SupersessionTest {
  private static final KafkaEvent EVENT = new KafkaEvent(TopicPartition.of("logs", 0), new OffsetRange(100, 200));

  @Test
  void aReadThatGoesFurtherAndLosesNothingTheEarlierLandedReplacesIt() {
    assertThat(Supersession.whyNot(read(200), read(150))).isEmpty();
    assertThat(Supersession.whyNot(read(200, new OffsetRange(150, 160)), read(150))).as("lost only unread offsets")
        .isEmpty();
    assertThat(Supersession.whyNot(read(200, new OffsetRange(100, 120)), read(150, new OffsetRange(100, 120))))
        .as("lost what the earlier read had lost too").isEmpty();
  }

  @Test
  void aReadThatStoppedEarlierDoesNotReplaceIt() {
    assertThat(Supersession.whyNot(read(120), read(150))).hasValueSatisfying(
        why -> assertThat(why).contains("reached offset 120", "150"));
  }

  @Test
  void aReadThatLostOffsetsTheEarlierLandedDoesNotReplaceItEvenWithMoreRecords() {
    // The earlier read landed 100-150; the re-read found 100-130 deleted and read 130-200: more records, fewer of them.
    assertThat(Supersession.whyNot(read(200, new OffsetRange(100, 130)), read(150)))
        .hasValueSatisfying(why -> assertThat(why).contains("[100-130]", "(30)"));
    assertThat(Supersession.whyNot(read(200, new OffsetRange(100, 130)), read(150, new OffsetRange(100, 110))))
        .hasValueSatisfying(why -> assertThat(why).contains("[110-130]", "(20)"));
  }

  @Test
  void aReadThatFoundFewerMessagesWithoutLosingAnyDoesNotReplaceIt() {
    RangeReport compacted = new RangeReport(EVENT, 200, 90, 0, 0, null, Map.of(), List.of());
    assertThat(Supersession.whyNot(compacted, read(200))).hasValueSatisfying(
        why -> assertThat(why).contains("90 messages", "100"));
  }

  @Test
  void aReadThatNoLongerHoldsOffsetsTheEarlierLandedDoesNotReplaceItThoughItHoldsMore() {
    // Landed 100-150; since then 100-110 were compacted away and 150-200 written: 90 records, more
    // than 50, none lost to retention, and yet ten landed records would vanish.
    RangeReport earlier = withOffsets(150, new OffsetRange(100, 150), List.of());
    RangeReport fresh = withOffsets(200, new OffsetRange(110, 200), List.of(new OffsetRange(100, 110)));
    assertThat(Supersession.whyNot(fresh, earlier)).hasValueSatisfying(
        why -> assertThat(why).contains("offsets 100..109 (10 offsets)", "compacted"));
    assertThat(Supersession.whyNot(withOffsets(200, new OffsetRange(100, 200), List.of()), earlier)).isEmpty();
  }

  @Test
  void aTombstoneTheEarlierReadSkippedAndCompactionRemovedSinceDoesNotBlockTheNewRead() {
    LandedFile file = new LandedFile("logs/2026-12-06/logs.0.100-200.avro", 1000, 99, List.of(new OffsetRange(100, 199)));
    RangeReport earlier = new RangeReport(EVENT, 200, 99, 0, 0, null, Map.of("2026-12-06", 99L), List.of(), 0, 0, 1,
        List.of(file), ReadOffsets.of(List.of(new OffsetRange(199, 200)), List.of()));
    RangeReport fresh = withOffsets(200, new OffsetRange(100, 199), List.of(new OffsetRange(199, 200)));
    assertThat(Supersession.whyNot(fresh, earlier)).isEmpty();
  }

  /** A read that landed {@code landed} in one file and found no record at {@code noRecord}. */
  private static RangeReport withOffsets(long reached, OffsetRange landed, List<OffsetRange> noRecord) {
    LandedFile file = new LandedFile("logs/2026-12-06/logs.0.100-200.avro", 1000, landed.count(), List.of(landed));
    return new RangeReport(EVENT, reached, landed.count(), 0, 0, null, Map.of("2026-12-06", landed.count()), List.of(),
        0, 0, 0, List.of(file), ReadOffsets.of(List.of(), noRecord));
  }

  private static RangeReport read(long reached, OffsetRange... lost) {
    long lostCount = java.util.Arrays.stream(lost).mapToLong(OffsetRange::count).sum();
    return new RangeReport(EVENT, reached, reached - 100 - lostCount, 0, 0, null, Map.of(), List.of(lost));
  }
}
