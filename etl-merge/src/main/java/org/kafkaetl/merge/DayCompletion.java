package org.kafkaetl.merge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.layout.WarehouseLayout;
import org.kafkaetl.core.merge.LedgerEntry;
import org.kafkaetl.core.offsets.OffsetStore;

/**
 * Writes {@code <day dir>/_COMPLETE} when a day of a topic can be trusted: an hourly run planned
 * after the day ended has finished (so everything Kafka held for the day was planned), no range
 * that can hold records of the day and was planned up to that run is still open (only COMPLETE or
 * LOST; see {@link #firstHourThatCanHold}), and every complete hourly file of
 * the date is merged. Late data merged afterwards rewrites the marker with a higher revision.
 */
final class DayCompletion {
  static final String MARKER = "_COMPLETE";
  /**
   * The least margin for how far ahead of its range's hour an event's time may be and still be landed
   * under its own date; a topic whose window reaches further ahead ({@code event.time.max.ahead})
   * gets that plus the hour itself. A range stuck for longer than this before the day it could write
   * into no longer keeps that day from completing.
   */
  static final java.time.Duration FUTURE_EVENT_MARGIN = java.time.Duration.ofDays(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSystem fs;
  private final OffsetStore store;
  private final WarehouseLayout layout;
  private final Clock clock;
  private final java.util.function.Function<String, java.time.Duration> maxAhead;

  /** @param maxAhead per topic, how far after its range's hour an event time is still landed under its date */
  DayCompletion(FileSystem fs, OffsetStore store, WarehouseLayout layout, Clock clock,
      java.util.function.Function<String, java.time.Duration> maxAhead) {
    this.fs = fs;
    this.store = store;
    this.layout = layout;
    this.clock = clock;
    this.maxAhead = maxAhead;
  }

  /**
   * @param allMerged whether the merge left no complete hourly file of the date unmerged
   * @param changed whether this merge added data (an unchanged day keeps its marker as it is)
   * @return the marker written, if the day is complete
   */
  Optional<Path> markIfComplete(String topic, LocalDate date, boolean allMerged, boolean changed,
      List<LedgerEntry> ledger) throws IOException {
    Path marker = new Path(layout.dayDir(topic, date), MARKER);
    // A merge that died after recording its files and before rewriting the marker left it stale:
    // the next merge, with nothing new, still rewrites it.
    if (!changed && fs.exists(marker) && agrees(marker, ledger)) {
      return Optional.empty();
    }
    Optional<HourPartition> covering = store.firstFinishedRunHour(new HourPartition(date.plusDays(1).atStartOfDay()));
    if (!allMerged || covering.isEmpty()
        || !store.unfinishedRanges(topic, firstHourThatCanHold(date, maxAhead.apply(topic)), covering.get()).isEmpty()) {
      return Optional.empty();
    }
    int revision = previousRevision(marker) + 1;
    try (OutputStream out = fs.create(marker, true)) {
      out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(content(topic, date, ledger, revision, covering.get())));
    }
    return Optional.of(marker);
  }

  /**
   * The first hour whose ranges can hold records of {@code date}; stuck ranges of earlier hours do not
   * keep the day from completing. Ranges land records under their event date. A range planned in hour
   * H holds what Kafka received up to about the end of H, so its events are of H's date or earlier
   * (late data), unless their event time is ahead of when they were produced: producer clocks and
   * timestamp fields can run ahead, and the out-of-window policy keeps anything further ahead than a
   * bounded margin ({@code maxAhead} after the hour) out of the date directories. So only ranges of
   * hours from {@code date}'s start minus that margin (at least {@link #FUTURE_EVENT_MARGIN}) can write
   * into {@code date};
   * the upper end (the covering run) stays as it was, since any later range can hold late data of it,
   * and late data merged afterwards rewrites the marker.
   */
  static HourPartition firstHourThatCanHold(LocalDate date, java.time.Duration maxAhead) {
    java.time.Duration margin = maxAhead.plusHours(1);
    return new HourPartition(date.atStartOfDay().minus(margin.compareTo(FUTURE_EVENT_MARGIN) > 0 ? margin
        : FUTURE_EVENT_MARGIN));
  }

  private ObjectNode content(String topic, LocalDate date, List<LedgerEntry> ledger, int revision, HourPartition covering) {
    Map<Integer, Long> records = new TreeMap<>();
    ledger.forEach(e -> records.merge(e.hourly().partition(), e.records(), Long::sum));
    ObjectNode n = JSON.createObjectNode();
    n.put("topic", topic);
    n.put("date", date.toString());
    n.put("revision", revision);
    n.put("writtenAt", clock.instant().toString());
    n.put("coveredByRunOfHour", covering.toString());
    n.put("hourlyFiles", ledger.size());
    n.put("records", records.values().stream().mapToLong(Long::longValue).sum());
    ObjectNode perPartition = n.putObject("recordsPerPartition");
    records.forEach((p, c) -> perPartition.put(String.valueOf(p), c));
    return n;
  }

  /** Whether the marker counts the files and records the ledger holds now. */
  private boolean agrees(Path marker, List<LedgerEntry> ledger) throws IOException {
    try (var in = fs.open(marker)) {
      var n = JSON.readTree(in);
      return n.path("hourlyFiles").asLong(-1) == ledger.size()
          && n.path("records").asLong(-1) == ledger.stream().mapToLong(LedgerEntry::records).sum();
    } catch (IOException e) {
      return false;
    }
  }

  private int previousRevision(Path marker) throws IOException {
    return revision(fs, marker).orElse(0);
  }

  /** The revision a day's marker carries, if the marker exists. */
  static Optional<Integer> revision(FileSystem fs, Path marker) throws IOException {
    if (!fs.exists(marker)) {
      return Optional.empty();
    }
    try (var in = fs.open(marker)) {
      return Optional.of(JSON.readTree(in).path("revision").asInt(0));
    }
  }
}
