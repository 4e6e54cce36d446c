package org.kafkaetl.cli;

import org.kafkaetl.core.status.FleetLagHistory;
import org.kafkaetl.core.status.LagHistory;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.RetriableException;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.layout.WarehouseLayout;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.status.FleetBookkeeping;
import org.kafkaetl.core.status.FleetRecords;
import org.kafkaetl.core.status.FleetStatus;
import org.kafkaetl.core.status.TopicHour;

/**
 * Reads the fleet view: the bookkeeping of every configured topic over the window, then from the
 * file system only what the bookkeeping cannot say — the dates held by hours that are not merged
 * (one listing per such hour and topic, so the merge command names the right date) and the days'
 * complete markers (one glob per date of the window). Reads only; takes no lock.
 */
final class FleetStatusReader {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FleetStatusReader.class);

  private final EtlConfig config;
  private final FileSystem fs;
  private final FleetBookkeeping bookkeeping;
  private final Clock clock;
  private final java.util.Optional<FleetLagReader> lag;
  private final LagHistory lagHistory;

  /** A reader that does not measure lag (it does not ask Kafka). */
  FleetStatusReader(EtlConfig config, FileSystem fs, FleetBookkeeping bookkeeping, Clock clock) {
    this(config, fs, bookkeeping, clock, java.util.Optional.empty());
  }

  FleetStatusReader(EtlConfig config, FileSystem fs, FleetBookkeeping bookkeeping, Clock clock,
      java.util.Optional<FleetLagReader> lag) {
    this(config, fs, bookkeeping, clock, lag, LagHistory.NONE);
  }

  /** @param lagHistory the lag earlier commands measured, for the page's plot of lag per hour */
  FleetStatusReader(EtlConfig config, FileSystem fs, FleetBookkeeping bookkeeping, Clock clock,
      java.util.Optional<FleetLagReader> lag, LagHistory lagHistory) {
    this.lagHistory = lagHistory;
    this.config = config;
    this.fs = fs;
    this.bookkeeping = bookkeeping;
    this.clock = clock;
    this.lag = lag;
  }

  /** The hour the clock is in, in etl.timezone. */
  static HourPartition currentHour(EtlConfig config, Clock clock) {
    return HourPartition.containing(clock.instant(), config.timeZone());
  }

  FleetStatus read(HourPartition from, HourPartition to) {
    List<TopicHour> hours = new ArrayList<>();
    for (TopicHour hour : bookkeeping.read(config.topicNames(), from, to)) {
      hours.add(hour.unmergedPartitions().isEmpty() ? hour : hour.withUnmergedDates(datesLanded(hour)));
    }
    FleetStatus status =
        new FleetStatus(from, to, currentHour(config, clock), config.topicNames(), hours, daysComplete(from, to));
    return lag.map(l -> status.withLag(l.measure(status.hours()))).orElse(status);
  }

  /** The records per topic and hour, for the page's plots; a read of every range row of the window. */
  FleetRecords recordsPerHour(HourPartition from, HourPartition to) {
    return bookkeeping.recordsPerHour(config.topicNames(), from, to);
  }

  /**
   * The lag kept per topic and hour of the window, for the page's plots; a failed read leaves the
   * plot out (a warning), not the page.
   */
  FleetLagHistory lagHistory(HourPartition from, HourPartition to) {
    try {
      return lagHistory.read(config.topicNames(), from, to);
    } catch (RuntimeException e) {
      LOG.warn("the page shows no lag per hour: cannot read it: {}", e.toString());
      return FleetLagHistory.NOT_READ;
    }
  }

  private SortedSet<LocalDate> datesLanded(TopicHour hour) {
    Path topicDir = new Path(new WorkLayout(config.workRoot()).hourDir(hour.hour()), hour.topic());
    return new TreeSet<>(MergeAfterRun.datesIn(fs, topicDir));
  }

  private Map<String, SortedSet<LocalDate>> daysComplete(HourPartition from, HourPartition to) {
    Map<String, SortedSet<LocalDate>> days = new HashMap<>();
    WarehouseLayout layout = new WarehouseLayout(config.warehouseRoot());
    for (LocalDate date = from.date(); !date.isAfter(to.date()); date = date.plusDays(1)) {
      Path pattern = new Path(layout.completeMarker("*", date));
      try {
        FileStatus[] markers = fs.globStatus(pattern);
        for (FileStatus marker : markers == null ? new FileStatus[0] : markers) {
          String topic = marker.getPath().getParent().getParent().getName();
          days.computeIfAbsent(topic, t -> new TreeSet<>()).add(date);
        }
      } catch (IOException e) {
        throw new RetriableException("cannot list " + pattern + ": " + e.getMessage(), e);
      }
    }
    return days;
  }
}
