package org.kafkaetl.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.audit.AuditJson;
import org.kafkaetl.core.audit.AuditReport;
import org.kafkaetl.core.audit.AuditWindow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code audit}: proves (or disproves) that a topic's day or hours landed exactly once. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {
        "Check that every offset landed exactly once, independently of the code that wrote it.",
        "",
        "1. etl_offsets tiles each partition: no gap, no overlap, every range COMPLETE or LOST, lost offsets listed.",
        "2. Each hourly file's records are exactly its range minus the offsets in its error file and the lost ones, "
            + "none twice.",
        "3. Each daily file holds exactly the merge ledger's hourly files (same records, same counts), offsets "
            + "strictly increasing.",
        "4. With --against-kafka: what Kafka still has of the ranges matches (counts, and the content of every "
            + "--sample-every'th offset).",
        "5. With --date, for a topic with a hive.table: the table is the one register makes, its schema reads every "
            + "daily file of the day with a column for each field, and the day's partition is there (at its directory, "
            + "its revision) once the day is due; a metastore that does not answer is a note.",
        "Reads only; changes nothing.",
        "",
        "--date audits the date's 24 hour directories and its daily files as a whole; --from/--to audit hour "
            + "directories and only the bytes of the daily files that hold their files (cheap enough after every "
            + "hourly run).",
        "",
        "--json prints the report as one JSON document.",
        "",
        "Exit codes: 0 clean, 1 failed to read (database, HDFS, Kafka), 2 bad arguments, 3 problems found (each "
            + "listed, with what to run: docs/runbook.md)."})
final class AuditCommand implements Callable<Integer> {
  private final Configuration hadoopConf;

  @Mixin
  private ConfigOption configOption;

  @Spec
  private CommandSpec spec;

  @Option(names = "--topic", required = true, description = "Topic to audit (one of etl.topics).")
  private String topic;

  @Option(names = "--date", paramLabel = "yyyy-MM-dd",
      description = "Audit the hours of this date (etl.timezone) and its daily files.")
  private String date;

  @Option(names = "--from", paramLabel = "yyyyMMddHH", description = "First hour directory to audit.")
  private String from;

  @Option(names = "--to", paramLabel = "yyyyMMddHH", description = "Last hour directory to audit (default: --from).")
  private String to;

  @Option(names = "--against-kafka",
      description = "Also read back what Kafka still has of the ranges and compare it with what landed.")
  private boolean againstKafka;

  @Option(names = "--sample-every", paramLabel = "N", defaultValue = "100",
      description = "With --against-kafka: compare the content of every offset divisible by N (default ${DEFAULT-VALUE}).")
  private long sampleEvery;

  @Option(names = "--json", description = "Print the report as one JSON document, for scripts (shape: docs/runbook.md).")
  private boolean json;

  AuditCommand(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  @Override
  public Integer call() {
    AuditWindow window = window();
    if (sampleEvery < 1) {
      throw new ParameterException(spec.commandLine(), "--sample-every must be at least 1, got " + sampleEvery);
    }
    org.kafkaetl.core.config.EtlConfig config = configOption.load(hadoopConf);
    HourPartition now = FleetStatusReader.currentHour(config, java.time.Clock.systemUTC());
    if (window.from().compareTo(now) > 0) {
      // nothing of it can have landed: an audit would find no range and call the window CLEAN
      throw new ParameterException(spec.commandLine(), (date != null ? "--date " + date : "--from " + from)
          + " has not begun (it is " + now + " in etl.timezone); nothing of it can be audited yet");
    }
    try (Components components = Components.readOnly(config, hadoopConf)) {
      AuditReport report = components.topicAudit(againstKafka, sampleEvery).audit(topic, window);
      if (window.wholeDay()) {
        components.tableAudit().map(t -> t.check(topic, window.date().orElseThrow())).ifPresent(table -> {
          report.addAll(table.findings());
          table.notes().forEach(report::note);
        });
      }
      spec.commandLine().getOut().print(json ? AuditJson.render(report) : report.render());
      spec.commandLine().getOut().flush();
      return (report.clean() ? ExitCode.OK : ExitCode.PROBLEMS_FOUND).code();
    }
  }

  private AuditWindow window() {
    if ((date == null) == (from == null)) {
      throw new ParameterException(spec.commandLine(), "give either --date yyyy-MM-dd or --from yyyyMMddHH [--to yyyyMMddHH]");
    }
    if (date != null && to != null) {
      throw new ParameterException(spec.commandLine(), "--to goes with --from, not with --date");
    }
    try {
      if (date != null) {
        return AuditWindow.day(LocalDate.parse(date));
      }
      return AuditWindow.hours(HourPartition.parse(from), HourPartition.parse(to == null ? from : to));
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), "--date: expected yyyy-MM-dd, e.g. 2026-11-21; got '" + date + "'");
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
