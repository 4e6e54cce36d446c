package org.kafkaetl.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.status.FleetRecords;
import org.kafkaetl.core.status.FleetStatus;
import org.kafkaetl.core.status.TopicHour;

/** Fleet status values built directly, for the page and metrics tests: no database, no cluster. */
final class FleetStatuses {
  static final LocalDate DAY = LocalDate.of(2026, 11, 20);
  static final HourPartition FROM = new HourPartition(DAY.atTime(0, 0));
  static final HourPartition TO = new HourPartition(DAY.plusDays(1).atTime(23, 0));
  static final HourPartition NOW = new HourPartition(DAY.plusDays(2).atTime(0, 0));
  static final FixCommands FIX = new FixCommands("hadoop jar /opt/etl.jar", Optional.of("/etc/etl.properties"));

  private FleetStatuses() {}

  /**
   * Three topics over 48 hours: clicks has hour 01 merged, 02 lost, 03 not merged, 04 incomplete
   * (partition 1), 05 running; orders has 07 merged and 09 incomplete (partitions 1 and 3);
   * quiet has nothing. Day 1 of clicks is marked complete.
   */
  static FleetStatus known() {
    return new FleetStatus(FROM, TO, NOW, List.of("clicks", "orders", "quiet"), List.of(
        merged("clicks", hour(1)),
        new TopicHour("clicks", hour(2), List.of(row("clicks", hour(2), 0, RangeState.LOST)), new TreeSet<>(),
            new TreeSet<>()),
        new TopicHour("clicks", hour(3), List.of(), new TreeSet<>(List.of(2)), new TreeSet<>(List.of(DAY))),
        new TopicHour("clicks", hour(4), List.of(row("clicks", hour(4), 1, RangeState.INCOMPLETE)), new TreeSet<>(),
            new TreeSet<>()),
        new TopicHour("clicks", hour(5), List.of(row("clicks", hour(5), 0, RangeState.RUNNING)), new TreeSet<>(),
            new TreeSet<>()),
        merged("orders", hour(7)),
        new TopicHour("orders", hour(9), List.of(row("orders", hour(9), 3, RangeState.INCOMPLETE),
            row("orders", hour(9), 1, RangeState.INCOMPLETE)), new TreeSet<>(), new TreeSet<>())),
        Map.of("clicks", new TreeSet<>(List.of(DAY))));
  }

  /** Records of the known status: 100 x the hour for each hour with ranges. */
  static FleetRecords knownRecords() {
    Map<String, Map<HourPartition, Long>> records = new HashMap<>();
    known().hours().forEach(h -> records.computeIfAbsent(h.topic(), t -> new HashMap<>())
        .put(h.hour(), 100L * h.hour().start().getHour()));
    return new FleetRecords(records);
  }

  /** Lag kept for the known status: clicks 50, 0 and 70 messages behind in hours 01, 02 and 04; orders 5 in 02. */
  static org.kafkaetl.core.status.FleetLagHistory knownLag() {
    return new org.kafkaetl.core.status.FleetLagHistory(Map.of("clicks", Map.of(hour(1), 50L, hour(2), 0L, hour(4), 70L),
        "orders", Map.of(hour(2), 5L)));
  }

  /**
   * {@code topics} topics over 48 hours, every hour merged except: every 7th topic has an
   * incomplete hour, every 11th a lost one, every 13th one not merged.
   */
  static FleetStatus many(int topics) {
    List<String> names = new ArrayList<>();
    List<TopicHour> hours = new ArrayList<>();
    for (int t = 0; t < topics; t++) {
      String name = String.format("service-%03d.events", t);
      names.add(name);
      for (int h = 0; h < 48; h++) {
        HourPartition hour = new HourPartition(FROM.start().plusHours(h));
        if (t % 7 == 0 && h == t % 40) {
          hours.add(new TopicHour(name, hour, List.of(row(name, hour, 2, RangeState.INCOMPLETE)), new TreeSet<>(),
              new TreeSet<>()));
        } else if (t % 11 == 0 && h == 20) {
          hours.add(new TopicHour(name, hour, List.of(row(name, hour, 0, RangeState.LOST)), new TreeSet<>(),
              new TreeSet<>()));
        } else if (t % 13 == 0 && h == 30) {
          hours.add(new TopicHour(name, hour, List.of(), new TreeSet<>(List.of(4)), new TreeSet<>()));
        } else {
          hours.add(merged(name, hour));
        }
      }
    }
    return new FleetStatus(FROM, TO, NOW, names, hours, Map.of());
  }

  static FleetRecords manyRecords(FleetStatus status) {
    Map<String, Map<HourPartition, Long>> records = new HashMap<>();
    status.hours().forEach(h -> records.computeIfAbsent(h.topic(), t -> new HashMap<>())
        .put(h.hour(), 1000L + 37L * h.hour().start().getHour() + h.topic().hashCode() % 500));
    return new FleetRecords(records);
  }

  static HourPartition hour(int h) {
    return new HourPartition(DAY.atTime(h, 0));
  }

  private static TopicHour merged(String topic, HourPartition hour) {
    return new TopicHour(topic, hour, List.of(), new TreeSet<>(), new TreeSet<>());
  }

  private static RangeRecord row(String topic, HourPartition hour, int partition, RangeState state) {
    return new RangeRecord(1, hour, new KafkaEvent(TopicPartition.of(topic, partition), new OffsetRange(0, 10)), state,
        state == RangeState.INCOMPLETE ? 4 : 10, 4, 0, "", 1);
  }
}
