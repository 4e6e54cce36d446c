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
 */
public record RangeReport(KafkaEvent event, long reached, long records, long decodeErrors, long bytes,
    String stopReason, Map<String, Long> recordsByDate, List<OffsetRange> lost) {
  public RangeReport {
    lost = List.copyOf(lost);
    recordsByDate = java.util.Collections.unmodifiableMap(new TreeMap<>(recordsByDate));
    stopReason = stopReason == null ? "" : stopReason;
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
