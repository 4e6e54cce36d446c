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

  /**
   * The event's report if the files beside it are the ones it describes (see {@link CoverageCheck});
   * empty when there is none or its files differ.
   */
  public java.util.Optional<RangeReport> intact(KafkaEvent event) {
    RangeReport report = reports.get(event);
    return report != null && FileMismatches.of(report, fileLengths).isEmpty()
        ? java.util.Optional.of(report) : java.util.Optional.empty();
  }

  /** Reports with no files at all beside them, e.g. when no task committed. */
  public static CommittedReports none() {
    return new CommittedReports(Map.of(), Map.of());
  }
}
