package org.kafkaetl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.status.DayStatus;
import org.kafkaetl.core.status.StatusHtml;
import org.kafkaetl.core.status.StatusText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code status}: a topic's day as an hour × partition grid, and what needs doing. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {
        "Show a topic's day as an hour x partition grid, and what needs action.",
        "",
        "Each cell is one partition's ranges of one hour: M complete and merged, U complete but not merged, L"
            + " part lost to retention (the rest merged), I incomplete, R planned or running, . no range. Below the"
            + " grid: the ranges behind every I, R and L cell (offsets, how far they got, why), and each thing that"
            + " needs action with the command that does it. Reads only; takes no lock.",
        "",
        "Exit codes: 0 nothing needs action, 1 failed, 2 bad arguments, 3 something needs action."})
final class StatusCommand implements Callable<Integer> {
  private final Configuration hadoopConf;

  @Mixin
  private ConfigOption configOption;

  @Spec
  private CommandSpec spec;

  @Option(names = "--topic", required = true, description = "Topic (one of etl.topics).")
  private String topic;

  @Option(names = "--date", required = true, paramLabel = "yyyy-MM-dd", description = "The day whose hours to show.")
  private String date;

  @Option(names = "--html", paramLabel = "FILE", description = "Also write the grid as a self-contained HTML page.")
  private Path html;

  StatusCommand(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  @Override
  public Integer call() {
    var day = Arguments.date(spec, date);
    Arguments.topic(spec, topic);
    try (Components components = Components.create(configOption.load(hadoopConf), hadoopConf)) {
      DayStatus status = components.dayStatusReader().read(topic, day);
      FixCommands fix = components.config().alerts().fixCommands();
      spec.commandLine().getOut().print(StatusText.render(status, fix));
      if (html != null) {
        writeHtml(StatusHtml.render(status, fix));
        spec.commandLine().getOut().println("wrote " + html.toAbsolutePath());
      }
      return status.needsAction() ? ExitCode.INCOMPLETE.code() : ExitCode.OK.code();
    }
  }

  private void writeHtml(String page) {
    try {
      Files.writeString(html, page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "--html: cannot write " + html + ": " + e.getMessage());
    }
  }
}
