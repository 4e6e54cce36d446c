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
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;

/** Reports describe their files (length, records), and coverage holds the hour directory to that. */
class ReportFilesTest {
  private static final KafkaEvent A = new KafkaEvent(TopicPartition.of("t", 0), new OffsetRange(0, 10));
  private static final String DATA = "t/2026-11-21/t.0.0-10.avro";
  private static final String ERRORS = "t/_errors/t.0.0-10.errors.avro";
  private static final RangeReport REPORT = new RangeReport(A, 10, 9, 1, 100, "", Map.of("2026-11-21", 9L), List.of(),
      List.of(new LandedFile(DATA, 512, 9), new LandedFile(ERRORS, 300, 1)));
  private final CoverageCheck check = new CoverageCheck(topic -> 2);

  @Test
  void filesRoundTripThroughTheReportJson() throws IOException {
    assertThat(ReportCodec.decode(new ByteArrayInputStream(ReportCodec.encode(REPORT)))).isEqualTo(REPORT);
  }

  @Test
  void aReportWrittenBeforeReportsCarriedFilesStillReads() throws IOException {
    String old = """
        {"topic":"t","partition":0,"begin":0,"end":10,"reached":10,"records":9,"decodeErrors":1,"bytes":100,
         "stopReason":"","recordsByDate":{"2026-11-21":9},"lost":[]}""";
    RangeReport report = ReportCodec.decode(new ByteArrayInputStream(old.getBytes(StandardCharsets.UTF_8)));
    assertThat(report.files()).isEmpty();
    assertThat(report.recordsByDate()).containsEntry("2026-11-21", 9L);

    assertThat(outcome(report, Map.of(DATA, 1L, ERRORS, 1L)).state()).isEqualTo(RangeState.COMPLETE);
    RangeOutcome noErrorFile = outcome(report, Map.of(DATA, 1L));
    assertThat(noErrorFile.state()).isEqualTo(RangeState.INCOMPLETE);
    assertThat(noErrorFile.detail()).contains(ERRORS + " is missing");
  }

  @Test
  void completeOnlyWhenEveryFileHasTheLengthItsReportGives() {
    assertThat(outcome(REPORT, Map.of(DATA, 512L, ERRORS, 300L)).state()).isEqualTo(RangeState.COMPLETE);

    RangeOutcome shorter = outcome(REPORT, Map.of(DATA, 200L, ERRORS, 300L));
    assertThat(shorter.state()).isEqualTo(RangeState.INCOMPLETE);
    assertThat(shorter.detail()).contains(DATA + " holds 200 bytes, its report says 512 bytes (9 records)")
        .doesNotContain(ERRORS);
    assertThat(shorter.reached()).as("nothing of the range is trusted").isZero();
    assertThat(shorter.records()).isZero();

    RangeOutcome missing = outcome(REPORT, Map.of(DATA, 512L));
    assertThat(missing.state()).isEqualTo(RangeState.INCOMPLETE);
    assertThat(missing.detail()).contains(ERRORS + " is missing");
  }

  private RangeOutcome outcome(RangeReport report, Map<String, Long> lengths) {
    return check.check(List.of(A), new CommittedReports(Map.of(A, report), lengths)).get(0);
  }
}
