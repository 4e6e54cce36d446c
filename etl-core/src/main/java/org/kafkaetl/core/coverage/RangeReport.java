package org.kafkaetl.core.coverage;

import java.util.List;
import org.kafkaetl.core.KafkaEvent;

/**
 * What a committed task says it did for one event. Written beside the data and committed with it,
 * so a report exists exactly when the task's files do.
 *
 * @param reached first offset not read
 * @param stopReason why reading stopped before the end; empty when it did not
 * @param dates event dates the records were routed to
 */
public record RangeReport(
    KafkaEvent event, long reached, long records, long decodeErrors, long bytes, String stopReason, List<String> dates) {
  public RangeReport {
    dates = List.copyOf(dates);
    stopReason = stopReason == null ? "" : stopReason;
  }

  public boolean readToEnd() {
    return reached >= event.range().end();
  }
}
