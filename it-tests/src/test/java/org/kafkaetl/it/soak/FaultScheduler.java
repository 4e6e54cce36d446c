package org.kafkaetl.it.soak;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Which fault each simulated hour gets: every class {@code times} times, shuffled by the seed over
 * hours 1..hours-1 (hour 0 lands the first data, so there is something to merge and to delete); the
 * remaining hours run clean. The same seed gives the same schedule, which is how a failing soak is
 * replayed.
 */
public final class FaultScheduler {
  private final List<Optional<FaultClass>> byHour;

  public FaultScheduler(long seed, int hours, List<FaultClass> classes, int times) {
    int slots = hours - 1;
    if (classes.size() * times > slots) {
      throw new IllegalArgumentException(classes.size() + " fault classes x " + times + " need at least "
          + (classes.size() * times + 1) + " hours, got " + hours);
    }
    List<Optional<FaultClass>> schedule = new ArrayList<>();
    for (FaultClass c : classes) {
      for (int i = 0; i < times; i++) {
        schedule.add(Optional.of(c));
      }
    }
    while (schedule.size() < slots) {
      schedule.add(Optional.empty());
    }
    Collections.shuffle(schedule, new Random(seed));
    schedule.add(0, Optional.empty());
    this.byHour = List.copyOf(schedule);
  }

  public Optional<FaultClass> faultAt(int hour) {
    return byHour.get(hour);
  }

  public int hours() {
    return byHour.size();
  }
}
