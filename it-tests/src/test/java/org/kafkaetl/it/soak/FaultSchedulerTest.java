package org.kafkaetl.it.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultSchedulerTest {
  private static final List<FaultClass> ALL = List.of(FaultClass.values());

  @Test
  void everyClassGetsItsTurnsAfterTheFirstHour() {
    FaultScheduler schedule = new FaultScheduler(42, 2 * ALL.size() + 1, ALL, 2);

    List<FaultClass> faults = faults(schedule);
    assertThat(schedule.faultsAt(0)).as("hour 0 lands the first data").isEmpty();
    for (FaultClass c : FaultClass.values()) {
      assertThat(faults).as(c.name()).filteredOn(f -> f == c).hasSize(2);
    }
    assertThat(faults).hasSize(2 * ALL.size());
    for (int h = 1; h < schedule.hours(); h++) {
      assertThat(schedule.faultsAt(h)).as("hour " + h).hasSize(1);
    }
  }

  @Test
  void severalClassesMayShareAnHourButNeverTheSameClassTwice() {
    FaultScheduler schedule = new FaultScheduler(42, 24, ALL, 2, 3);

    assertThat(faults(schedule)).hasSize(2 * ALL.size());
    assertThat(schedule.faultsAt(0)).isEmpty();
    for (int h = 1; h < schedule.hours(); h++) {
      assertThat(schedule.faultsAt(h)).as("hour " + h).hasSizeLessThanOrEqualTo(3).doesNotHaveDuplicates();
    }
    assertThat(byHour(schedule)).as("some hours get more than one fault").anyMatch(f -> f.size() > 1);
  }

  @Test
  void theSameSeedReplaysTheSameScheduleAndAnotherSeedShufflesIt() {
    assertThat(byHour(new FaultScheduler(7, 24, ALL, 2, 3))).isEqualTo(byHour(new FaultScheduler(7, 24, ALL, 2, 3)));
    assertThat(byHour(new FaultScheduler(7, 24, ALL, 2, 3))).isNotEqualTo(byHour(new FaultScheduler(8, 24, ALL, 2, 3)));
  }

  @Test
  void tooFewHoursForTheFaultsIsRefused() {
    int needed = 2 * ALL.size() + 1;
    assertThatThrownBy(() -> new FaultScheduler(1, needed - 1, ALL, 2))
        .hasMessageContaining("at least " + needed + " hours");
  }

  private static List<FaultClass> faults(FaultScheduler schedule) {
    List<FaultClass> faults = new ArrayList<>();
    byHour(schedule).forEach(faults::addAll);
    return faults;
  }

  private static List<List<FaultClass>> byHour(FaultScheduler schedule) {
    List<List<FaultClass>> hours = new ArrayList<>();
    for (int h = 0; h < schedule.hours(); h++) {
      hours.add(schedule.faultsAt(h));
    }
    return hours;
  }
}
