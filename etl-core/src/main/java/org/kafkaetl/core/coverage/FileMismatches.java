package org.kafkaetl.core.coverage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kafkaetl.core.layout.WorkLayout;

/**
 * Whether the files in the hour directory are the ones a report describes. A task commit moves
 * files one by one (reports sort first) and a rerun writes the same names as the read before it, so
 * a report can stand beside a missing file or beside an earlier read's file of the same name.
 */
final class FileMismatches {
  private FileMismatches() {}

  /** Each way the files differ from the report; empty when they hold what it says. */
  static List<String> of(RangeReport report, Map<String, Long> fileLengths) {
    List<String> problems = new ArrayList<>();
    if (report.files().isEmpty()) {
      // A report written before reports carried lengths: presence is all that can be checked.
      for (String path : namedWithoutLengths(report)) {
        if (!fileLengths.containsKey(path)) {
          problems.add(path + " is missing");
        }
      }
      return problems;
    }
    for (LandedFile file : report.files()) {
      Long length = fileLengths.get(file.path());
      if (length == null) {
        problems.add(file.path() + " is missing");
      } else if (length != file.bytes()) {
        problems.add(file.path() + " holds " + length + " bytes, its report says " + file.bytes() + " bytes ("
            + file.records() + " records)");
      }
    }
    return problems;
  }

  private static List<String> namedWithoutLengths(RangeReport report) {
    List<String> paths = new ArrayList<>();
    report.dates().forEach(d -> paths.add(WorkLayout.dataFile(report.event(), LocalDate.parse(d))));
    if (report.errorRecords() > 0) {
      paths.add(WorkLayout.errorFile(report.event()));
    }
    return paths;
  }
}
