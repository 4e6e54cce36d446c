package org.kafkaetl.mapreduce.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;

class RunHourTest {
  private static final HourPartition H3 = HourPartition.parse("2026120703");
  private static final HourPartition H4 = HourPartition.parse("2026120704");

  @Test
  void aClockBehindTheLastRunsHourPlansIntoThatHour() {
    assertThat(RunHour.notBeforeTheLastRun(H3, Optional.of(H4))).isEqualTo(H4);
  }

  @Test
  void theClocksHourOtherwise() {
    assertThat(RunHour.notBeforeTheLastRun(H4, Optional.of(H3))).isEqualTo(H4);
    assertThat(RunHour.notBeforeTheLastRun(H4, Optional.of(H4))).isEqualTo(H4);
    assertThat(RunHour.notBeforeTheLastRun(H3, Optional.empty())).isEqualTo(H3);
  }
}
