package org.kafkaetl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees from the real command in a process of its own: help, usage errors and the
 * configuration it uses. Commands that need the database are driven the same way in the ITs.
 */
class CliProcessTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  /**
   * Each paragraph of a command's description is in the help as written, wrapped once: no line of
   * it ends while the next line's first word would still have fitted (a second wrapping of text
   * already broken by hand leaves such short lines), and no word is split.
   */
  @Test
  void helpWrapsEachDescriptionParagraphOnce() throws Exception {
    for (String command : List.of("run", "rerun", "merge", "status", "cleanup", "audit")) {
      CliProcess.Result help = CliProcess.run(dir, command, "--help");

      assertThat(help.exitCode()).as(command + " --help").isZero();
      String shown = command + " --help:\n" + help.out();
      String flowing = help.out().replaceAll("\\s+", " ");
      String[] description = KafkaEtlMain.commandLine(new org.apache.hadoop.conf.Configuration())
          .getSubcommands().get(command).getCommandSpec().usageMessage().description();
      Arrays.stream(description).filter(p -> !p.isBlank())
          .forEach(p -> assertThat(flowing).as(shown).contains(p.replaceAll("\\s+", " ").strip()));
      List<String> lines = descriptionLines(help.out());
      for (int i = 0; i + 1 < lines.size(); i++) {
        String next = lines.get(i + 1);
        if (!lines.get(i).isBlank() && !next.isBlank() && !next.matches("^(\\d+\\.|Reads only).*")) {
          assertThat(lines.get(i).length() + 1 + next.split(" ")[0].length()).as(shown + "\nline: " + lines.get(i))
              .isGreaterThanOrEqualTo(HELP_WIDTH);
        }
      }
    }
  }

  /** picocli's usage width when no terminal says otherwise; a line holds one character less. */
  private static final int HELP_WIDTH = 80;

  /** The lines between the synopsis and the first option. */
  private static List<String> descriptionLines(String help) {
    List<String> lines = help.lines().toList();
    int from = 1;
    while (from < lines.size() && lines.get(from).startsWith(" ")) {
      from++; // the synopsis's continuation lines
    }
    int to = from;
    while (to < lines.size() && !lines.get(to).matches("^ +-.*")) {
      to++;
    }
    return lines.subList(from, to);
  }

  @Test
  void rerunWithThreeBadArgumentsNamesEachOfThem() throws Exception {
    CliProcess.Result rerun = CliProcess.run(dir, "rerun", "--topic", "no such/topic", "--partition", "x",
        "--hour", "2026-11-21", "--config", "unused.properties");

    assertThat(rerun.exitCode()).isEqualTo(2);
    assertThat(rerun.err()).contains("--topic").contains("--partition").contains("--hour")
        .contains("no such/topic").contains("'x'").contains("2026-11-21");
  }

  @Test
  void runWithoutConfigInsideTheCheckoutSaysNoConfigurationWasGiven() throws Exception {
    Path checkout = Files.createDirectories(dir.resolve("checkout/conf"));
    Files.copy(REPO.resolve("conf/kafka-etl.properties"), checkout.resolve("kafka-etl.properties"));

    CliProcess.Result run = CliProcess.run(checkout.getParent(), "run");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("no configuration given").contains("--config").contains("KAFKA_ETL_CONF");
    assertThat(run.out() + run.err()).doesNotContain("cannot be used").doesNotContain("cannot connect");
  }

  @Test
  void aConfigurationFileThatIsNotThereIsNamed() throws Exception {
    CliProcess.Result run = CliProcess.run(dir, "run", "--config", "missing.properties");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("missing.properties");
  }

  @Test
  void aBadArgumentOfAReadCommandReachesStderr() throws Exception {
    CliProcess.Result status = CliProcess.run(dir, "status", "--topic", "t", "--date", "21.11.2026",
        "--config", "unused.properties");
    CliProcess.Result audit = CliProcess.run(dir, "audit", "--topic", "t", "--config", "unused.properties");

    assertThat(status.exitCode()).isEqualTo(2);
    assertThat(status.err()).contains("--date: expected yyyy-MM-dd").contains("21.11.2026");
    assertThat(audit.exitCode()).isEqualTo(2);
    assertThat(audit.err()).contains("give either --date yyyy-MM-dd or --from yyyyMMddHH");
  }

  @Test
  void statusNamesEveryOptionThatDoesNotGoWithTheViewAsked() throws Exception {
    CliProcess.Result grid = CliProcess.run(dir, "status", "--topic", "t", "--hours", "5", "--json",
        "--config", "unused.properties");
    CliProcess.Result fleet = CliProcess.run(dir, "status", "--hours", "0", "--json", "--html", "page.html",
        "--config", "unused.properties");

    assertThat(grid.exitCode()).isEqualTo(2);
    assertThat(grid.err()).contains("--hours goes with the view of every topic")
        .doesNotContain("--json goes with");
    assertThat(fleet.exitCode()).isEqualTo(2);
    assertThat(fleet.err()).contains("--json and --html: choose one").contains("--hours: expected 1 to 840, got 0");
  }

  @Test
  void statusOfADayInTheFutureIsABadArgument() throws Exception {
    Path config = Files.writeString(dir.resolve("etl.properties"), String.join("\n",
        "kafka.bootstrap.servers=127.0.0.1:9", "db.url=jdbc:mysql://127.0.0.1:9/kafka_etl", "db.user=etl",
        "etl.topics=clicks", "etl.work.root=" + dir.resolve("work"), "etl.warehouse.root=" + dir.resolve("warehouse")));

    CliProcess.Result fleet = CliProcess.run(dir, "status", "--date", "2999-01-01", "--config", config.toString());
    CliProcess.Result grid = CliProcess.run(dir, "status", "--topic", "clicks", "--date", "2999-01-01",
        "--config", config.toString());

    assertThat(fleet.exitCode()).as(fleet.toString()).isEqualTo(2);
    assertThat(fleet.err()).contains("--date 2999-01-01 is in the future");
    assertThat(grid.exitCode()).as(grid.toString()).isEqualTo(2);
    assertThat(grid.err()).contains("--date 2999-01-01 is in the future");
  }

  /** An audit of hours that have not begun would find no range and call them CLEAN: refused instead. */
  @Test
  void anAuditOfAWindowInTheFutureIsABadArgument() throws Exception {
    Path config = Files.writeString(dir.resolve("etl.properties"), String.join("\n",
        "kafka.bootstrap.servers=127.0.0.1:9", "db.url=jdbc:mysql://127.0.0.1:9/kafka_etl", "db.user=etl",
        "etl.topics=clicks", "etl.work.root=" + dir.resolve("work"), "etl.warehouse.root=" + dir.resolve("warehouse")));

    CliProcess.Result day = CliProcess.run(dir, "audit", "--topic", "clicks", "--date", "2999-01-01",
        "--config", config.toString());
    CliProcess.Result hours = CliProcess.run(dir, "audit", "--topic", "clicks", "--from", "2999010100", "--json",
        "--config", config.toString());

    assertThat(day.exitCode()).as(day.toString()).isEqualTo(2);
    assertThat(day.err()).contains("--date 2999-01-01 has not begun (it is ");
    assertThat(hours.exitCode()).as(hours.toString()).isEqualTo(2);
    assertThat(hours.err()).contains("--from 2999010100 has not begun");
    assertThat(onlyDocument(hours).path("error").asText()).contains("--from 2999010100 has not begun");
  }
  /**
   * With --json a script reads stdout and nothing else: a command that is given bad arguments (found by
   * picocli, or by the command itself), or that has no configuration, prints one error document there
   * and its message on stderr, with the exit code it has without --json.
   */
  @Test
  void withJsonEveryRefusalIsOneErrorDocumentOnStdoutAndItsMessageOnStderr() throws Exception {
    Path config = Files.writeString(dir.resolve("etl.properties"), String.join("\n",
        "kafka.bootstrap.servers=127.0.0.1:9", "db.url=jdbc:mysql://127.0.0.1:9/kafka_etl", "db.user=etl",
        "etl.topics=clicks", "etl.work.root=" + dir.resolve("work"), "etl.warehouse.root=" + dir.resolve("warehouse")));

    CliProcess.Result future = CliProcess.run(dir, "status", "--topic", "clicks", "--date", "2999-01-01", "--json",
        "--config", config.toString());
    CliProcess.Result unparsable = CliProcess.run(dir, "merge", "--date", "2026-11-21", "--json", "--config",
        config.toString());
    CliProcess.Result noConfig = CliProcess.run(dir, "run", "--json");

    com.fasterxml.jackson.databind.JsonNode doc = onlyDocument(future);
    assertThat(future.exitCode()).as(future.toString()).isEqualTo(2);
    assertThat(doc.path("format").asText()).isEqualTo("kafka-etl.error.v1");
    assertThat(doc.path("command").asText()).isEqualTo("status");
    assertThat(doc.path("exitCode").asInt()).isEqualTo(2);
    assertThat(doc.path("error").asText()).contains("--date 2999-01-01 is in the future");
    assertThat(future.err()).contains("--date 2999-01-01 is in the future");

    assertThat(unparsable.exitCode()).as(unparsable.toString()).isEqualTo(2);
    assertThat(onlyDocument(unparsable).path("command").asText()).isEqualTo("merge");
    assertThat(onlyDocument(unparsable).path("error").asText()).contains("--topic");

    assertThat(noConfig.exitCode()).as(noConfig.toString()).isEqualTo(2);
    assertThat(onlyDocument(noConfig).path("command").asText()).isEqualTo("run");
    assertThat(onlyDocument(noConfig).path("error").asText()).contains("--config");
  }

  /** Stdout as exactly one JSON document: anything before or after it fails the parse. */
  static com.fasterxml.jackson.databind.JsonNode onlyDocument(CliProcess.Result result) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper strict = new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    assertThat(result.out()).as(result.toString()).startsWith("{").endsWith("}\n");
    return strict.readTree(result.out());
  }
}
