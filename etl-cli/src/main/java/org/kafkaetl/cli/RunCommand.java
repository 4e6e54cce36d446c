package org.kafkaetl.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.metrics.CommandMetrics;
import org.kafkaetl.mapreduce.driver.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: the hourly run that cron or Oozie starts at :05. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
        "The hourly run (cron/Oozie at :05): land what Kafka gained since the last run.",
        "",
        "Plans the ranges each partition has gained since the last run (from etl_offsets and Kafka's latest "
            + "offsets), stores them, reads them with a MapReduce job into <etl.work.root>/<yyyyMMddHH>, checks "
            + "coverage and alerts on incomplete ranges with the command that fixes them; then, unless "
            + "etl.merge.after.run=false, merges the dates the hour holds data for into the daily files.",
        "",
        "Exit codes: 0 ok, 1 failed (run or merge), 2 bad arguments or configuration, 3 incomplete (an alert "
            + "names the rerun command), 4 another run holds the lock (nothing done), 5 data lost (Kafka deleted "
            + "offsets before they were read; recorded and alerted; everything else landed). With --json, stdout is"
            + " one JSON document whatever the exit code."})
final class RunCommand implements Callable<Integer> {
  private final Configuration hadoopConf;

  @Mixin
  private ConfigOption configOption;

  @Spec
  private CommandSpec spec;

  @Option(names = "--json", description = "Print the run's summary as one JSON document, for scripts (shape:"
      + " docs/runbook.md); logs stay on stderr.")
  private boolean json;

  RunCommand(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  @Override
  public Integer call() {
    EtlConfig config = configOption.load(hadoopConf);
    Instant started = Instant.now();
    CommandLines out = new CommandLines(spec.commandLine().getOut(), json);
    RunSoFar soFar = new RunSoFar("run", out);
    try (Components components = Components.createForRun(config, hadoopConf)) {
      RunResult result = components.hourlyRun().run();
      Duration reading = Duration.between(started, Instant.now());
      out.add(result.message());
      soFar.read(result, reading);
      ExitCode exit = result.exitCode();
      MergeAfterRun.Outcome merged = null;
      Instant mergeStarted = Instant.now();
      if (components.config().mergeAfterRun() && !result.hoursLanded().isEmpty()) {
        merged = components.mergeAfterRun().mergeHours(result.hoursLanded());
        merged.messages().forEach(out::add);
        exit = ExitCode.afterMerge(result.exitCode(), merged.exitCode());
      }
      Duration merging = merged == null ? Duration.ZERO : Duration.between(mergeStarted, Instant.now());
      soFar.merged(merged, merging);
      components.retryPendingRegistrations();
      spec.commandLine().getOut().flush();
      CommandMetrics metrics = CommandMetricsOf.readAndMerge("run", exit, result, reading, merged, merging);
      MetricsPush push = components.afterCommandReports().report(metrics);
      out.finish(json ? RunSummaryJson.render(metrics, result, merged, push, out.lines()) : "");
      return exit.code();
    } catch (RuntimeException e) {
      throw soFar.failed(e, AfterCommandReports.reportFailure(config, "run", started, e));
    }
  }
}
