package org.kafkaetl.core.coverage;

import java.util.Map;
import org.kafkaetl.core.KafkaEvent;

/**
 * What committed tasks left in one hour directory: the report of each event, and the length of every
 * file there (one listing), against which coverage checks the files each report names.
 *
 * @param fileLengths bytes per file, by path relative to the hour directory
 */
public record CommittedReports(Map<KafkaEvent, RangeReport> reports, Map<String, Long> fileLengths) {
  public CommittedReports {
    reports = Map.copyOf(reports);
    fileLengths = Map.copyOf(fileLengths);
  }

  /** Reports with no files at all beside them, e.g. when no task committed. */
  public static CommittedReports none() {
    return new CommittedReports(Map.of(), Map.of());
  }
}
