package org.kafkaetl.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.OffsetRange;

class AuditReportTest {
  private static final AuditWindow DAY = AuditWindow.day(LocalDate.of(2026, 11, 21));

  @Test
  void aReportWithoutFindingsIsClean() {
    AuditReport report = cleanDay();
    assertThat(report.clean()).isTrue();
    assertThat(report.render()).contains("partition  ranges  expected  landed  errors", "ok\n")
        .endsWith("audit orders 2026-11-21: CLEAN\n");
  }

  @Test
  void findingsMakeTheVerdictAndAreListedAfterIt() {
    AuditReport report = new AuditReport("orders", AuditWindow.hours(DAY.from(), DAY.from()));
    report.add(new Finding(Finding.Kind.GAP, 1, "etl_offsets between a and b", "offsets 3..4 (2 offsets) are in no row"));
    report.add(new Finding(Finding.Kind.UNEXPECTED_FILE, Finding.NO_PARTITION, "file /x", "unknown"));
    report.note("partition 1: offsets 0..9 were deleted by Kafka");
    String text = report.render();
    assertThat(report.clean()).isFalse();
    assertThat(text).contains("notes:\n  partition 1: offsets 0..9",
        "audit orders 2026112100-2026112100: 2 problems\n  [GAP] partition 1, etl_offsets between a and b: offsets 3..4",
        "1 problem\n");
  }

  /** Orders of 2026-11-21: one range of three offsets, two records and one error, both records merged. */
  static AuditReport cleanDay() {
    AuditReport report = new AuditReport("orders", DAY);
    RangeTally tally = new RangeTally(new OffsetRange(0, 3));
    tally.dataRecord(0);
    tally.dataRecord(1);
    tally.errorRecord(2);
    report.line(0).add(tally.result());
    report.line(0).addDaily(2);
    return report;
  }
}
