package org.kafkaetl.it.soak;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which faults each simulated hour gets: every class {@code times} times, each turn placed by the
 * seed at a random hour of 1..hours-1 (hour 0 lands the first data, so there is something to merge
 * and to delete), up to {@code perHour} different classes in one hour, in a random order. Faults
 * that share an hour strike one after the other before the operator reads any page, so each one
 * meets the damage the one before left. The same seed gives the same schedule, which is how a
 * failing soak is replayed.
 */
public final class FaultScheduler {
  private final List<List<FaultClass>> byHour;

  public FaultScheduler(long seed, int hours, List<FaultClass> classes, int times, int perHour) {
    int slots = (hours - 1) * perHour;
    if (classes.size() * times > slots || times > hours - 1) {
      int needed = (classes.size() * times + perHour - 1) / perHour + 1;
      throw new IllegalArgumentException(classes.size() + " fault classes x " + times + " at most " + perHour
          + " an hour need at least " + Math.max(needed, times + 1) + " hours, got " + hours);
    }
    Random random = new Random(seed);
    List<FaultClass> turns = new ArrayList<>();
    for (FaultClass c : classes) {
      for (int i = 0; i < times; i++) {
        turns.add(c);
      }
    }
    Collections.shuffle(turns, random);
    List<List<FaultClass>> schedule = new ArrayList<>();
    for (int h = 0; h < hours; h++) {
      schedule.add(new ArrayList<>());
    }
    for (FaultClass turn : turns) {
      List<Integer> room = new ArrayList<>();
      for (int h = 1; h < hours; h++) {
        if (schedule.get(h).size() < perHour && !schedule.get(h).contains(turn)) {
          room.add(h);
        }
      }
      if (room.isEmpty()) {
        throw new IllegalArgumentException("no hour left for " + turn + "; give the soak more hours");
      }
      schedule.get(room.get(random.nextInt(room.size()))).add(turn);
    }
    this.byHour = schedule.stream().map(List::copyOf).toList();
  }

  /** One fault class an hour, shuffled: the schedule before faults could overlap. */
  public FaultScheduler(long seed, int hours, List<FaultClass> classes, int times) {
    this(seed, hours, classes, times, 1);
  }

  /** The faults of an hour, in the order they strike; empty for a clean hour. */
  public List<FaultClass> faultsAt(int hour) {
    return byHour.get(hour);
  }

  public int hours() {
    return byHour.size();
  }
}
