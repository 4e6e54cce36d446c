package org.kafkaetl.cli;

import java.time.LocalDate;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.merge.DailyMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code merge}: appends a day's complete hourly files into the daily warehouse files. */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = {
        "Append a day's complete hourly files into the daily warehouse files.",
        "",
        "Appends the date's hourly files whose ranges are COMPLETE in etl_offsets, and that the merge ledger "
            + "does not hold yet, into the daily files <topic>/<date>/<topic>.<partition>.avro under "
            + "etl.warehouse.root (Avro blocks "
            + "copied, not re-encoded). Safe to run again at any time: a failed or killed merge is cut back to what"
            + " the ledger records before anything is appended. --rebuild writes the day's daily files anew from "
            + "the hourly files and replaces them.",
        "",
        "Exit codes: 0 ok, 1 failed (an alert names the partition), 2 bad arguments or no data, 4 locked. With"
            + " --json, stdout is one JSON document whatever the exit code."})
final class MergeCommand implements Callable<Integer> {
  private final Configuration hadoopConf;

  @Mixin
  private ConfigOption configOption;

  @Spec
  private CommandSpec spec;

  @Option(names = "--topic", required = true, description = "Topic to merge (one of etl.topics).")
  private String topic;

  @Option(names = "--date", required = true, paramLabel = "yyyy-MM-dd", description = "Event date to merge.")
  private String date;

  @Option(names = "--partition", paramLabel = "P", description = "Only this Kafka partition (default: all).")
  private Integer partition;

  @Option(names = "--rebuild", description = "Rebuild the daily files from the hourly files and replace them.")
  private boolean rebuild;

  @Option(names = "--json", description = "Print what was merged as one JSON document, for scripts (shape:"
      + " docs/runbook.md); logs stay on stderr.")
  private boolean json;

  MergeCommand(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  @Override
  public Integer call() {
    LocalDate parsedDate = Arguments.date(spec, date);
    if (partition != null && partition < 0) {
      throw new ParameterException(spec.commandLine(), "--partition must be >= 0, got " + partition);
    }
    org.kafkaetl.core.config.EtlConfig config = configOption.load(hadoopConf);
    java.time.Instant started = java.time.Instant.now();
    try (Components components = Components.create(config, hadoopConf)) {
      OptionalInt only = partition == null ? OptionalInt.empty() : OptionalInt.of(partition);
      DailyMerge.MergeResult result = components.dailyMerge().merge(topic, parsedDate, only, rebuild);
      java.time.Duration took = java.time.Duration.between(started, java.time.Instant.now());
      CommandLines out = new CommandLines(spec.commandLine().getOut(), json);
      out.add(result.message());
      components.retryPendingRegistrations();
      spec.commandLine().getOut().flush();
      MetricsPush push = components.afterCommandReports().report(CommandMetricsOf.merge(topic, result, took));
      out.finish(json ? MergeJson.render(topic, parsedDate, only, rebuild, result, took, push) : "");
      return result.exitCode().code();
    } catch (RuntimeException e) {
      AfterCommandReports.reportFailure(config, "merge", started, e);
      throw e;
    }
  }
}
