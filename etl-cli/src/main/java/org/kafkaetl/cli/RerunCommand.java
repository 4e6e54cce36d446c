package org.kafkaetl.cli;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.mapreduce.driver.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rerun}: reads an hour's recorded ranges of a topic again and replaces their files. */
@Command(name = "rerun", mixinStandardHelpOptions = true,
    description = {
        "Re-read an hour's recorded ranges of a topic and replace their files.",
        "",
        "Re-reads exactly the offset ranges etl_offsets recorded for the topic's partition(s) in that hour "
            + "that are not COMPLETE (all but LOST ones with --include-complete) and marks them COMPLETE, LOST or "
            + "INCOMPLETE again. A range whose earlier read stopped part way is resumed from there: the records it "
            + "landed are kept, so Kafka's retention cannot take them. A new read replaces the earlier read's files"
            + " only if it keeps every offset that read landed; otherwise the earlier read stands and the rerun "
            + "exits 3 saying why. Ranges are never re-planned, so etl_offsets keeps tiling. Takes the same lock as"
            + " the hourly run.",
        "",
        "Exit codes: 0 ok, 1 failed, 2 bad arguments, 3 still incomplete, 4 locked, 5 data lost. With --json,"
            + " stdout is one JSON document whatever the exit code."})
final class RerunCommand implements Callable<Integer> {
  private final Configuration hadoopConf;

  @Mixin
  private ConfigOption configOption;

  @Spec
  private CommandSpec spec;

  @Option(names = "--topic", required = true, description = "Topic to re-read (one of etl.topics).")
  private String topic;

  @Option(names = "--partition", required = true, paramLabel = "P[,P...]|all",
      description = "Kafka partition number(s), comma-separated, or 'all' for every partition of the topic.")
  private String partition;

  @Option(names = "--hour", required = true, paramLabel = "yyyyMMddHH",
      description = "The ETL hour (the work directory's name), e.g. 2026112103.")
  private String hour;

  @Option(names = "--include-complete",
      description = "Also re-read COMPLETE ranges, from their start (e.g. after changing the event-time policy)."
          + " One whose start Kafka deleted since keeps its landed files.")
  private boolean includeComplete;

  @Option(names = "--from-start",
      description = "Read each range from its start, also one whose earlier read stopped part way (which is"
          + " otherwise resumed there), e.g. after fixing a decoder, so the messages in its _errors file are decoded"
          + " again.")
  private boolean fromStart;

  @Option(names = "--json", description = "Print the rerun's summary as one JSON document, for scripts (shape:"
      + " docs/runbook.md); logs stay on stderr.")
  private boolean json;

  RerunCommand(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  @Override
  public Integer call() {
    Arguments.Problems problems = new Arguments.Problems(spec);
    problems.check(() -> Arguments.topic(spec, topic));
    Set<Integer> parsedPartitions = problems.check(this::parsePartitions);
    HourPartition parsedHour = problems.check(() -> Arguments.hour(spec, hour));
    problems.throwIfAny();
    org.kafkaetl.core.config.EtlConfig config = configOption.load(hadoopConf);
    java.time.Instant started = java.time.Instant.now();
    CommandLines out = new CommandLines(spec.commandLine().getOut(), json);
    RunSoFar soFar = new RunSoFar("rerun", out);
    try (Components components = Components.create(config, hadoopConf)) {
      RunResult result = components.rerun().rerun(topic, parsedPartitions, parsedHour, includeComplete, fromStart);
      java.time.Duration reading = java.time.Duration.between(started, java.time.Instant.now());
      out.add(result.message());
      soFar.read(result, reading);
      ExitCode exit = result.exitCode();
      MergeAfterRun.Outcome merged = null;
      java.time.Instant mergeStarted = java.time.Instant.now();
      if (!result.hoursLanded().isEmpty()) {
        merged = remerge(components, result, out);
        exit = merged == null ? result.exitCode() : ExitCode.afterMerge(result.exitCode(), merged.exitCode());
      }
      java.time.Duration merging = merged == null ? java.time.Duration.ZERO
          : java.time.Duration.between(mergeStarted, java.time.Instant.now());
      spec.commandLine().getOut().flush();
      org.kafkaetl.core.metrics.CommandMetrics metrics = CommandMetricsOf.readAndMerge("rerun", exit, result, reading,
          merged, merging);
      MetricsPush push = components.afterCommandReports().report(metrics);
      out.finish(json ? RunSummaryJson.render(metrics, result, merged, push, out.lines()) : "");
      return exit.code();
    } catch (RuntimeException e) {
      throw soFar.failed(e, AfterCommandReports.reportFailure(config, "rerun", started, e));
    }
  }

  /**
   * Ranges a rerun completed are merged like those of an hourly run: into the daily files of every
   * date their records fall on (an hour already merged gets the missing files appended; nothing is
   * appended twice). With etl.merge.after.run=false, prints the merge commands instead and returns null.
   */
  private MergeAfterRun.Outcome remerge(Components components, RunResult result, CommandLines out) {
    MergeAfterRun mergeAfterRun = components.mergeAfterRun();
    if (!components.config().mergeAfterRun()) {
      FixCommands fix = components.config().alerts().fixCommands();
      mergeAfterRun.datesLanded(topic, result.hoursLanded()).forEach(date ->
          out.add("to merge what the rerun landed: " + fix.merge(topic, date, null)));
      return null;
    }
    MergeAfterRun.Outcome merged = mergeAfterRun.mergeHours(result.hoursLanded(), java.util.List.of(topic));
    merged.messages().forEach(out::add);
    return merged;
  }

  /** Empty means all partitions. */
  private Set<Integer> parsePartitions() {
    Set<Integer> partitions = new TreeSet<>();
    if (partition.equals("all")) {
      return partitions;
    }
    try {
      for (String p : partition.split(",", -1)) {
        int number = Integer.parseInt(p.trim());
        if (number < 0) {
          throw new NumberFormatException();
        }
        partitions.add(number);
      }
      return partitions;
    } catch (NumberFormatException e) {
      throw new ParameterException(spec.commandLine(),
          "--partition: expected partition numbers like 0 or 0,3,7, or 'all'; got '" + partition + "'");
    }
  }
}
