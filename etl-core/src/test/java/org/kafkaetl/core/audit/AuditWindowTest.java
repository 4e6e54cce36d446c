package org.kafkaetl.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;

class AuditWindowTest {
  @Test
  void aDayIsItsTwentyFourHoursAndItsDailyFiles() {
    AuditWindow day = AuditWindow.day(LocalDate.of(2026, 11, 21));
    assertThat(day.hours()).hasSize(24).first().hasToString("2026112100");
    assertThat(day.contains(HourPartition.parse("2026112123"))).isTrue();
    assertThat(day.contains(HourPartition.parse("2026112200"))).isFalse();
    assertThat(day.wholeDay()).isTrue();
  }

  @Test
  void anHourWindowMustRunForwardAndStaySmall() {
    assertThatThrownBy(() -> AuditWindow.hours(HourPartition.parse("2026112105"), HourPartition.parse("2026112104")))
        .hasMessageContaining("before");
    assertThatThrownBy(() -> AuditWindow.hours(HourPartition.parse("2026010100"), HourPartition.parse("2026060100")))
        .hasMessageContaining("day by day");
  }
}
