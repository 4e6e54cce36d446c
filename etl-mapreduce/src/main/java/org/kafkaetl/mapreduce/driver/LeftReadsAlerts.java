package org.kafkaetl.mapreduce.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.mapreduce.job.ReadsLeftForAPerson;

/** Alerts on reads of an hour that no run settles by itself: they may hold records found nowhere else. */
final class LeftReadsAlerts {
  private LeftReadsAlerts() {}

  static List<Alert> of(HourPartition hour, ReadsLeftForAPerson left) {
    List<Alert> alerts = new ArrayList<>();
    if (!left.junked().isEmpty()) {
      alerts.add(junked(hour, left));
    }
    left.unreadable().forEach((dir, reports) -> alerts.add(unreadable(hour, dir, reports)));
    return alerts;
  }

  /** Nothing to fix (the range is read again), but what Kafka deleted since may be only there. */
  private static Alert junked(HourPartition hour, ReadsLeftForAPerson left) {
    String partitions = left.junked().keySet().stream().map(e -> e.partition().toString()).distinct().sorted()
        .collect(Collectors.joining(","));
    return new Alert(Severity.WARNING, "earlier-read-junked:" + hour + ":" + partitions, "hour " + hour + ": "
        + left.junked().size() + " earlier read(s) of ranges read again were not intact and were moved to junk",
        left.junked().entrySet().stream().map(e -> "  " + e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining("\n"))
            + "\nEach range is read again from Kafka. If that read records offsets LOST, their records may still be in"
            + " the junk files (Avro, readable with avro-tools). Junk is never merged; cleanup keeps the hour until it"
            + " is removed: once inspected, hdfs dfs -rm -r <the directory above>.", List.of());
  }

  private static Alert unreadable(HourPartition hour, String dir, List<String> reports) {
    String hourDir = dir.substring(0, dir.indexOf("/" + WorkLayout.EARLIER_DIR + "/"));
    String runDir = dir.substring(dir.lastIndexOf('/') + 1);
    return new Alert(Severity.CRITICAL, "earlier-read-unreadable:" + dir, "hour " + hour + ": reads set aside under "
        + dir + " have an unreadable report; no run puts them back or removes them",
        "Unreadable report(s): " + String.join(", ", reports) + " (each names its range: topic.partition.begin-end)."
            + "\nThe data files beside them may be the only copy of records those ranges landed. Compare with the"
            + " hour's own files (hdfs dfs -ls -R " + dir + " " + hourDir + ", and status for the ranges);"
            + " copy back what the hour lacks, then move the directory to the hour's junk with the command below."
            + " Cleanup keeps the hour while either directory is there.",
        List.of("hdfs dfs -mv " + dir + " " + hourDir + "/" + WorkLayout.JUNK_DIR + "/" + runDir));
  }
}
