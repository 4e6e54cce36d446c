package org.kafkaetl.core.coverage;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kafkaetl.core.KafkaEvent;
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
 * @param files every data and error file written, with its length and records; empty in reports
 *     written before reports carried them
 */
public record RangeReport(KafkaEvent event, long reached, long records, long decodeErrors, long bytes,
    String stopReason, Map<String, Long> recordsByDate, List<OffsetRange> lost,
    long outOfWindow, long outOfWindowErrors, long skippedTombstones, List<LandedFile> files) {
  public RangeReport {
    lost = List.copyOf(lost);
    files = List.copyOf(files);
    recordsByDate = java.util.Collections.unmodifiableMap(new TreeMap<>(recordsByDate));
    stopReason = stopReason == null ? "" : stopReason;
  }

  /** A report of a range without out-of-window records or skipped tombstones, not describing its files. */
  public RangeReport(KafkaEvent event, long reached, long records, long decodeErrors, long bytes,
      String stopReason, Map<String, Long> recordsByDate, List<OffsetRange> lost) {
    this(event, reached, records, decodeErrors, bytes, stopReason, recordsByDate, lost, 0, 0, 0, List.of());
  }

  /** A report without out-of-window records or skipped tombstones. */
  public RangeReport(KafkaEvent event, long reached, long records, long decodeErrors, long bytes,
      String stopReason, Map<String, Long> recordsByDate, List<OffsetRange> lost, List<LandedFile> files) {
    this(event, reached, records, decodeErrors, bytes, stopReason, recordsByDate, lost, 0, 0, 0, files);
  }

  /** A report that does not describe its files (as reports were before they carried lengths). */
  public RangeReport(KafkaEvent event, long reached, long records, long decodeErrors, long bytes,
      String stopReason, Map<String, Long> recordsByDate, List<OffsetRange> lost,
      long outOfWindow, long outOfWindowErrors, long skippedTombstones) {
    this(event, reached, records, decodeErrors, bytes, stopReason, recordsByDate, lost, outOfWindow,
        outOfWindowErrors, skippedTombstones, List.of());
  }

  /** Records in the range's error file: the undecodable ones and out-of-window ones sent there. */
  public long errorRecords() {
    return decodeErrors + outOfWindowErrors;
  }

  public long lostMessages() {
    return lost.stream().mapToLong(OffsetRange::count).sum();
  }

  /** Event dates the records were routed to, in order. */
  public List<String> dates() {
    return List.copyOf(recordsByDate.keySet());
  }

  public boolean readToEnd() {
    return reached >= event.range().end();
  }
}
