package org.kafkaetl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.status.DayStatus;
import org.kafkaetl.core.status.DayStatusJson;
import org.kafkaetl.core.sizing.ThroughputHistory;
import org.kafkaetl.core.status.FleetJson;
import org.kafkaetl.core.status.FleetStatus;
import org.kafkaetl.core.status.FleetText;
import org.kafkaetl.core.status.StatusHtml;
import org.kafkaetl.core.status.StatusText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code status}: every topic over the last hours, or one topic's day as an hour × partition grid. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {
        "Show what every topic, or one topic's day, looks like, and what needs action.",
        "",
        "Without --topic: every configured topic over the last --hours hours (48 by default; with --date, the "
            + "hours of that day). Per topic the hours complete (every range landed and merged), notMerged "
            + "(landed, not all in daily files), lost (part lost to retention, the rest merged), incomplete, "
            + "running (planned or being read) and with no data, the newest hour all of whose ranges landed, "
            + "and the days of the window marked complete; then each thing that needs action with its command, "
            + "worst first (reruns, stuck runs, merges), oldest hour first. --json prints the same as one JSON "
            + "document (shape: docs/runbook.md). --html FILE also writes the fleet page: one self-contained HTML "
            + "file with the actions and their commands, a topics x hours heat map (click a topic for its hours) "
            + "and the records per hour; the page etl.status.page.path gets after each run.",
        "",
        "With --topic: the day (--date, default today) as an hour x partition grid. Each cell is one "
            + "partition's ranges of one hour: M complete and merged, U complete but not merged, L part lost to "
            + "retention (the rest merged), I incomplete, R planned or running, . no range. Below the grid: the "
            + "ranges behind every I, R and L cell (offsets, how far they got, why), and each thing that needs "
            + "action with the command that does it. --json prints the same as one JSON document.",
        "",
        "Reads only; takes no lock.",
        "",
        "Exit codes: 0 nothing needs action, 1 failed, 2 bad arguments, 3 something needs action."})
final class StatusCommand implements Callable<Integer> {
  static final int DEFAULT_HOURS = 48;
  /** A month and a bit: more is what the audit is for. */
  static final int MAX_HOURS = 24 * 35;

  private final Configuration hadoopConf;

  @Mixin
  private ConfigOption configOption;

  @Spec
  private CommandSpec spec;

  @Option(names = "--topic", description = "Show this topic's day as a grid (one of etl.topics); default: every topic.")
  private String topic;

  @Option(names = "--date", paramLabel = "yyyy-MM-dd",
      description = "The day to show (etl.timezone); default: today for --topic, the last --hours hours otherwise.")
  private String date;

  @Option(names = "--hours", paramLabel = "N",
      description = "Without --topic: how many hours to show, up to the current one or the end of --date"
          + " (default " + DEFAULT_HOURS + ", or 24 with --date).")
  private Integer hours;

  @Option(names = "--json", description = "Print the status (every topic's, or with --topic the day's grid) as one"
      + " JSON document, for scripts (shapes: docs/runbook.md).")
  private boolean json;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML page: without"
      + " --topic the fleet page (heat map, records per hour, actions), with --topic the day's grid.")
  private Path html;

  StatusCommand(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  @Override
  public Integer call() {
    LocalDate day = date == null ? null : Arguments.date(spec, date);
    checkCombinations();
    if (topic != null) {
      Arguments.topic(spec, topic);
    }
    EtlConfig config = configOption.load(hadoopConf);
    HourPartition now = FleetStatusReader.currentHour(config, Clock.systemUTC());
    if (day != null && day.isAfter(now.date())) {
      throw new ParameterException(spec.commandLine(), "--date " + day + " is in the future (today is " + now.date()
          + " in etl.timezone)");
    }
    try (Components components = Components.readOnly(config, hadoopConf)) {
      FixCommands fix = config.alerts().fixCommands();
      // Sized runs: how far the last one's expectation was from what it took.
      java.util.Optional<ThroughputHistory.RunTiming> sized = config.sizing().enabled()
          ? components.throughputHistory().lastSizedRun() : java.util.Optional.empty();
      int code = topic == null ? fleet(components.fleetStatusReader(), day, now, fix, sized)
          : grid(components, day != null ? day : now.date(), fix);
      if (!json) {
        sized.ifPresent(t -> spec.commandLine().getOut().println(t.describe()));
      }
      return code;
    }
  }

  private void checkCombinations() {
    Arguments.Problems problems = new Arguments.Problems(spec);
    if (topic != null && hours != null) {
      problems.check(() -> usage("--hours goes with the view of every topic (status without --topic)"));
    }
    if (json && html != null) {
      problems.check(() -> usage("--json and --html: choose one (the page embeds the same data)"));
    }
    if (hours != null && (hours < 1 || hours > MAX_HOURS)) {
      problems.check(() -> usage("--hours: expected 1 to " + MAX_HOURS + ", got " + hours));
    }
    problems.throwIfAny();
  }

  private Object usage(String message) {
    throw new ParameterException(spec.commandLine(), message);
  }

  private int fleet(FleetStatusReader reader, LocalDate day, HourPartition now, FixCommands fix,
      java.util.Optional<ThroughputHistory.RunTiming> sized) {
    HourPartition to = day == null ? now : new HourPartition(day.atTime(23, 0));
    int shown = hours != null ? hours : day != null ? 24 : DEFAULT_HOURS;
    HourPartition from = new HourPartition(to.start().minusHours(shown - 1L));
    FleetStatus status;
    if (html == null) {
      status = reader.read(from, to);
    } else {
      try {
        status = FleetPageFile.write(html, reader, from, to, fix);
      } catch (IOException e) {
        throw new ParameterException(spec.commandLine(), "--html: cannot write " + html + ": " + e);
      }
    }
    spec.commandLine().getOut().print(json ? FleetJson.render(status, fix, sized) : FleetText.render(status, fix));
    if (html != null) {
      spec.commandLine().getOut().println("wrote " + html.toAbsolutePath());
    }
    return status.needsAction() ? ExitCode.INCOMPLETE.code() : ExitCode.OK.code();
  }

  private int grid(Components components, LocalDate day, FixCommands fix) {
    DayStatus status = components.dayStatusReader().read(topic, day);
    if (json) {
      spec.commandLine().getOut().print(DayStatusJson.render(status, fix, components.partitionStatus(topic, day)));
      return status.needsAction() ? ExitCode.INCOMPLETE.code() : ExitCode.OK.code();
    }
    spec.commandLine().getOut().print(StatusText.render(status, fix));
    components.partitionStatus(topic, day).ifPresent(spec.commandLine().getOut()::println);
    if (html != null) {
      writeHtml(StatusHtml.render(status, fix));
      spec.commandLine().getOut().println("wrote " + html.toAbsolutePath());
    }
    return status.needsAction() ? ExitCode.INCOMPLETE.code() : ExitCode.OK.code();
  }

  private void writeHtml(String page) {
    try {
      Files.writeString(html, page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "--html: cannot write " + html + ": " + e.getMessage());
    }
  }
}
