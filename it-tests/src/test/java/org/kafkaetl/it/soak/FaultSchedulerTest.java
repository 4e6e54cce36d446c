package org.kafkaetl.it.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultSchedulerTest {
  @Test
  void everyClassGetsItsTurnsAfterTheFirstHour() {
    FaultScheduler schedule = new FaultScheduler(42, 24, List.of(FaultClass.values()), 2);

    List<FaultClass> faults = faults(schedule);
    assertThat(schedule.faultAt(0)).as("hour 0 lands the first data").isEmpty();
    for (FaultClass c : FaultClass.values()) {
      assertThat(faults).as(c.name()).filteredOn(f -> f == c).hasSize(2);
    }
    assertThat(faults).hasSize(2 * FaultClass.values().length);
  }

  @Test
  void theSameSeedReplaysTheSameScheduleAndAnotherSeedShufflesIt() {
    List<FaultClass> all = List.of(FaultClass.values());
    assertThat(byHour(new FaultScheduler(7, 24, all, 2))).isEqualTo(byHour(new FaultScheduler(7, 24, all, 2)));
    assertThat(byHour(new FaultScheduler(7, 24, all, 2))).isNotEqualTo(byHour(new FaultScheduler(8, 24, all, 2)));
  }

  @Test
  void tooFewHoursForTheFaultsIsRefused() {
    int needed = 2 * FaultClass.values().length + 1;
    assertThatThrownBy(() -> new FaultScheduler(1, needed - 1, List.of(FaultClass.values()), 2))
        .hasMessageContaining("at least " + needed + " hours");
  }

  private static List<FaultClass> faults(FaultScheduler schedule) {
    List<FaultClass> faults = new ArrayList<>();
    byHour(schedule).forEach(f -> f.ifPresent(faults::add));
    return faults;
  }

  private static List<Optional<FaultClass>> byHour(FaultScheduler schedule) {
    List<Optional<FaultClass>> hours = new ArrayList<>();
    for (int h = 0; h < schedule.hours(); h++) {
      hours.add(schedule.faultAt(h));
    }
    return hours;
  }
}
