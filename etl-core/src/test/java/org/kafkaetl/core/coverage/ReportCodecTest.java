package org.kafkaetl.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;

class ReportCodecTest {
  private static final KafkaEvent EVENT = new KafkaEvent(TopicPartition.of("t", 1), new OffsetRange(0, 10));

  @Test
  void countersOfOutOfWindowRecordsAndSkippedTombstonesRoundTrip() throws IOException {
    RangeReport report = new RangeReport(EVENT, 10, 5, 1, 99, "", Map.of("2026-11-20", 5L), List.of(), 3, 2, 2);
    RangeReport back = ReportCodec.decode(new ByteArrayInputStream(ReportCodec.encode(report)));
    assertThat(back).isEqualTo(report);
    assertThat(back.errorRecords()).isEqualTo(3);
  }

  @Test
  void reportsWrittenBeforeTheCountersExistedStillRead() throws IOException {
    String old = """
        {"topic":"t","partition":1,"begin":0,"end":10,"reached":10,"records":9,"decodeErrors":1,"bytes":5,
         "stopReason":"","recordsByDate":{"2026-11-20":9},"lost":[]}""";
    RangeReport back = ReportCodec.decode(new ByteArrayInputStream(old.getBytes(StandardCharsets.UTF_8)));
    assertThat(back.outOfWindow()).isZero();
    assertThat(back.skippedTombstones()).isZero();
    assertThat(back.errorRecords()).isEqualTo(1);
    assertThat(back.readMillis()).isZero();
    assertThat(back.implausible()).as("reports from before they were counted had none").isEmpty();
  }

  @Test
  void implausibleEventTimesRoundTripByCauseWithTheirExample() throws IOException {
    List<ImplausibleTimes> implausible = List.of(new ImplausibleTimes(ImplausibleCause.ZERO, 2, 3, 0),
        new ImplausibleTimes(ImplausibleCause.EPOCH_SECONDS, 4, 5, 1_765_000_000L));
    RangeReport report = new RangeReport(EVENT, 10, 10, 0, 99, "", Map.of("1970-01-01", 10L), List.of(),
        6, 0, 0, List.of(), ReadOffsets.UNKNOWN, 12, implausible);
    RangeReport back = ReportCodec.decode(new ByteArrayInputStream(ReportCodec.encode(report)));
    assertThat(back).isEqualTo(report);
    assertThat(back.implausible()).isEqualTo(implausible);
    assertThat(back.implausibleCount()).isEqualTo(6);
  }

  @Test
  void theTimeTheReadTookRoundTrips() throws IOException {
    RangeReport report = new RangeReport(EVENT, 8, 8, 0, 99, "max.pull.time", Map.of("2026-11-20", 8L), List.of(),
        0, 0, 0, List.of(), ReadOffsets.UNKNOWN, 1234);
    RangeReport back = ReportCodec.decode(new ByteArrayInputStream(ReportCodec.encode(report)));
    assertThat(back).isEqualTo(report);
    assertThat(back.readMillis()).isEqualTo(1234);
    assertThat(back.messagesRead()).isEqualTo(8);
  }

  @Test
  void theOffsetsOfFilesSkippedTombstonesAndOffsetsWithoutARecordRoundTrip() throws IOException {
    LandedFile data = new LandedFile("t/2026-11-20/t.1.0-10.avro", 400, 6,
        List.of(new OffsetRange(0, 3), new OffsetRange(5, 8)));
    LandedFile errors = new LandedFile("t/_errors/t.1.0-10.errors.avro", 200, 1, List.of(new OffsetRange(9, 10)));
    RangeReport report = new RangeReport(EVENT, 10, 6, 1, 99, "", Map.of("2026-11-20", 6L), List.of(), 0, 0, 1,
        List.of(data, errors), ReadOffsets.of(List.of(new OffsetRange(4, 5)), List.of(new OffsetRange(3, 4),
            new OffsetRange(8, 9))));
    RangeReport back = ReportCodec.decode(new ByteArrayInputStream(ReportCodec.encode(report)));
    assertThat(back).isEqualTo(report);
    assertThat(back.accountedOffsets()).hasValueSatisfying(o -> assertThat(o.ranges())
        .containsExactly(new OffsetRange(0, 3), new OffsetRange(4, 8), new OffsetRange(9, 10)));
  }

  @Test
  void aReportWrittenBeforeReadsKeptOffsetsHasNone() throws IOException {
    RangeReport report = new RangeReport(EVENT, 10, 10, 0, 99, "", Map.of("2026-11-20", 10L), List.of(),
        List.of(new LandedFile("t/2026-11-20/t.1.0-10.avro", 400, 10)));
    RangeReport back = ReportCodec.decode(new ByteArrayInputStream(ReportCodec.encode(report)));
    assertThat(back.offsets().known()).isFalse();
    assertThat(back.accountedOffsets()).isEmpty();
  }
}
