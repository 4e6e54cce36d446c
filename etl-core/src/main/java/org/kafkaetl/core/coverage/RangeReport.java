package org.kafkaetl.core.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetIntervals;
import org.kafkaetl.core.OffsetRange;

/**
 * What a committed task says it did for one event. Written beside the data and committed with it,
 * so a report exists exactly when the task's files do.
 *
 * @param reached first offset not read
 * @param stopReason why reading stopped before the end; empty when it did not
 * @param recordsByDate records routed to each event date (yyyy-MM-dd), i.e. in each data file
 * @param lost sub-ranges Kafka had deleted before they could be read
 * @param outOfWindow records whose event time was outside the topic's window, however they were
 *     handled (landed by Kafka time, quarantined, or in the error file)
 * @param outOfWindowErrors of those, how many went to the error file; not decode errors, so never
 *     against the budget
 * @param skippedTombstones null values the topic's tombstone policy skipped: in no file at all
 * @param files every data and error file written, with its length, records and their offsets; empty
 *     in reports written before reports carried them
 * @param offsets the offsets read that went into no file
 * @param readMillis how long the task spent reading and landing this range, from its first poll to its
 *     report; 0 when unknown (reports written before it was kept, ranges resuming an earlier read)
 * @param implausible records whose event time was implausible, by likely cause (wherever they landed);
 *     only those this read saw: a read resuming an earlier one does not carry the earlier read's,
 *     which were alerted and pushed with it; empty in reports written before they were counted
 */
public record RangeReport(KafkaEvent event, long reached, long records, long decodeErrors, long bytes,
    String stopReason, Map<String, Long> recordsByDate, List<OffsetRange> lost,
    long outOfWindow, long outOfWindowErrors, long skippedTombstones, List<LandedFile> files,
    ReadOffsets offsets, long readMillis, List<ImplausibleTimes> implausible) {
  public RangeReport {
    implausible = List.copyOf(implausible);
    lost = List.copyOf(lost);
    files = List.copyOf(files);
    recordsByDate = java.util.Collections.unmodifiableMap(new TreeMap<>(recordsByDate));
    stopReason = stopReason == null ? "" : stopReason;
  }

  /** A report without implausible event times. */
  public RangeReport(KafkaEvent event, long reached, long records, long decodeErrors, long bytes,
      String stopReason, Map<String, Long> recordsByDate, List<OffsetRange> lost,
      long outOfWindow, long outOfWindowErrors, long skippedTombstones, List<LandedFile> files,
      ReadOffsets offsets, long readMillis) {
    this(event, reached, records, decodeErrors, bytes, stopReason, recordsByDate, lost, outOfWindow,
        outOfWindowErrors, skippedTombstones, files, offsets, readMillis, List.of());
  }

  /** A report without the time its read took. */
  public RangeReport(KafkaEvent event, long reached, long records, long decodeErrors, long bytes,
      String stopReason, Map<String, Long> recordsByDate, List<OffsetRange> lost,
      long outOfWindow, long outOfWindowErrors, long skippedTombstones, List<LandedFile> files,
      ReadOffsets offsets) {
    this(event, reached, records, decodeErrors, bytes, stopReason, recordsByDate, lost, outOfWindow,
        outOfWindowErrors, skippedTombstones, files, offsets, 0);
  }

  /** A report of a range without out-of-window records or skipped tombstones, not describing its files. */
  public RangeReport(KafkaEvent event, long reached, long records, long decodeErrors, long bytes,
      String stopReason, Map<String, Long> recordsByDate, List<OffsetRange> lost) {
    this(event, reached, records, decodeErrors, bytes, stopReason, recordsByDate, lost, 0, 0, 0, List.of(),
        ReadOffsets.UNKNOWN);
  }

  /** A report without out-of-window records or skipped tombstones. */
  public RangeReport(KafkaEvent event, long reached, long records, long decodeErrors, long bytes,
      String stopReason, Map<String, Long> recordsByDate, List<OffsetRange> lost, List<LandedFile> files) {
    this(event, reached, records, decodeErrors, bytes, stopReason, recordsByDate, lost, 0, 0, 0, files,
        ReadOffsets.UNKNOWN);
  }

  /** A report that does not describe its files (as reports were before they carried lengths). */
  public RangeReport(KafkaEvent event, long reached, long records, long decodeErrors, long bytes,
      String stopReason, Map<String, Long> recordsByDate, List<OffsetRange> lost,
      long outOfWindow, long outOfWindowErrors, long skippedTombstones) {
    this(event, reached, records, decodeErrors, bytes, stopReason, recordsByDate, lost, outOfWindow,
        outOfWindowErrors, skippedTombstones, List.of(), ReadOffsets.UNKNOWN);
  }

  /** Offsets this read went through, landed or not: what a per-mapper rate counts. */
  public long messagesRead() {
    return Math.max(0, reached - event.range().begin());
  }

  /** Records in the range's error file: the undecodable ones and out-of-window ones sent there. */
  public long errorRecords() {
    return decodeErrors + outOfWindowErrors;
  }

  /** Records whose event time was implausible, of every cause. */
  public long implausibleCount() {
    return implausible.stream().mapToLong(ImplausibleTimes::count).sum();
  }

  public long lostMessages() {
    return lost.stream().mapToLong(OffsetRange::count).sum();
  }

  /** Event dates the records were routed to, in order. */
  public List<String> dates() {
    return List.copyOf(recordsByDate.keySet());
  }

  /**
   * The offsets this read landed, sent to the error file or skipped as tombstones, when its report
   * names them all; empty for reports written before reads kept their offsets.
   */
  public Optional<OffsetIntervals> accountedOffsets() {
    if (!offsets.known() || files.stream().anyMatch(f -> !f.offsetsKnown())) {
      return Optional.empty();
    }
    List<OffsetRange> all = new ArrayList<>(offsets.skipped());
    files.forEach(f -> all.addAll(f.offsets()));
    return Optional.of(OffsetIntervals.of(all));
  }

  /** The offsets of the records in this read's data and error files, when its report names them. */
  public Optional<OffsetIntervals> landedOffsets() {
    if (!offsets.known() || files.stream().anyMatch(f -> !f.offsetsKnown())) {
      return Optional.empty();
    }
    List<OffsetRange> all = new ArrayList<>();
    files.forEach(f -> all.addAll(f.offsets()));
    return Optional.of(OffsetIntervals.of(all));
  }

  public boolean readToEnd() {
    return reached >= event.range().end();
  }
}
