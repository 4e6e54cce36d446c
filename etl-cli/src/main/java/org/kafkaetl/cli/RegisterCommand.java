package org.kafkaetl.cli;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.hive.DayPublisher;
import org.kafkaetl.hive.HivePublishing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code register}: makes a day (or days) of a topic a partition of the topic's Hive table. */
@Command(name = "register", mixinStandardHelpOptions = true,
    description = {
        "Register a day of a topic as a partition of the topic's Hive table (topic.<name>.hive.table).",
        "",
        "Creates the table if it is missing, then adds the day's partition (or updates it to the day's revision"
            + " and records) as the merge does when the day completes. Days merged before the topic had a table"
            + " are registered the same way (--to registers every day from --date to --to). Safe to repeat: a"
            + " partition that already says what the day holds is left alone. The command alerts name it when"
            + " the metastore could not take a day for hive.pending.alert.after.",
        "",
        "Exit codes: 0 registered (or nothing to do, each day says why), 1 a day could not be registered"
            + " (kept for the next run), 2 bad arguments or a topic without a table. With --json, stdout is one JSON"
            + " document whatever the exit code."})
final class RegisterCommand implements Callable<Integer> {
  private static final int MAX_DAYS = 3660;
  private final Configuration hadoopConf;

  @Mixin
  private ConfigOption configOption;

  @Spec
  private CommandSpec spec;

  @Option(names = "--topic", required = true, description = "Topic whose day to register (one with a hive.table).")
  private String topic;

  @Option(names = "--date", required = true, paramLabel = "yyyy-MM-dd", description = "Day to register.")
  private String date;

  @Option(names = "--to", paramLabel = "yyyy-MM-dd", description = "Register every day from --date to this one.")
  private String to;

  @Option(names = "--json", description = "Print each day's outcome as one JSON document, for scripts (shape:"
      + " docs/runbook.md); logs stay on stderr.")
  private boolean json;

  RegisterCommand(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  @Override
  public Integer call() {
    LocalDate from = Arguments.date(spec, date);
    LocalDate until = to == null ? from : Arguments.date(spec, to);
    if (until.isBefore(from) || from.plusDays(MAX_DAYS).isBefore(until)) {
      throw new ParameterException(spec.commandLine(), "--to must be on or after --date and at most " + MAX_DAYS
          + " days later, got " + from + " .. " + until);
    }
    try (Components components = Components.create(configOption.load(hadoopConf), hadoopConf)) {
      if (components.config().topic(topic).isEmpty() || components.config().hive().table(topic).isEmpty()) {
        throw new ParameterException(spec.commandLine(), "topic '" + topic + "' is not published: it must be in etl.topics"
            + " and set topic." + topic + ".hive.table");
      }
      HivePublishing publishing = components.hivePublishing().orElseThrow();
      String table = components.config().hive().table(topic).orElseThrow().qualifiedName();
      CommandLines out = new CommandLines(spec.commandLine().getOut(), json);
      Map<LocalDate, DayPublisher.Outcome> outcomes = new LinkedHashMap<>();
      Map<LocalDate, String> lines = new LinkedHashMap<>();
      boolean allRegistered = true;
      for (LocalDate day = from; !day.isAfter(until); day = day.plusDays(1)) {
        DayPublisher.Outcome outcome = publishing.register(topic, day);
        allRegistered &= outcome.result() != DayPublisher.Result.PENDING && outcome.result() != DayPublisher.Result.REFUSED;
        String line = topic + " " + day + ": " + describe(outcome, table);
        outcomes.put(day, outcome);
        lines.put(day, line);
        out.add(line);
      }
      ExitCode exit = allRegistered ? ExitCode.OK : ExitCode.FAILED;
      out.finish(json ? RegisterJson.render(topic, table, exit, outcomes, lines) : "");
      return exit.code();
    }
  }

  private static String describe(DayPublisher.Outcome outcome, String table) {
    return switch (outcome.result()) {
      case REGISTERED -> "registered in " + table;
      case UNCHANGED -> "already registered in " + table;
      case NOT_READY -> "not registered: " + outcome.reason();
      case PENDING -> "could not be registered, kept for the next run: " + outcome.reason();
      case REFUSED -> "refused, kept until it is fixed: " + outcome.reason();
      case NOT_PUBLISHED -> "not published: " + outcome.reason();
    };
  }
}
