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
 * @param files every data and error file written, with its length and records; empty in reports
 *     written before reports carried them
 */
public record RangeReport(KafkaEvent event, long reached, long records, long decodeErrors, long bytes,
    String stopReason, Map<String, Long> recordsByDate, List<OffsetRange> lost, List<LandedFile> files) {
  public RangeReport {
    lost = List.copyOf(lost);
    files = List.copyOf(files);
    recordsByDate = java.util.Collections.unmodifiableMap(new TreeMap<>(recordsByDate));
    stopReason = stopReason == null ? "" : stopReason;
  }

  /** A report that does not describe its files (as reports were before they carried lengths). */
  public RangeReport(KafkaEvent event, long reached, long records, long decodeErrors, long bytes,
      String stopReason, Map<String, Long> recordsByDate, List<OffsetRange> lost) {
    this(event, reached, records, decodeErrors, bytes, stopReason, recordsByDate, lost, List.of());
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
