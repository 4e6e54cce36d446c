package org.kafkaetl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The example alerting rules of conf/ as Prometheus reads them: checked and unit-tested by the
 * Debian package's promtool against the series kafka-etl pushes (conf/prometheus-alerts.test.yml:
 * each rule fires when it should and not before). Missing promtool fails the test.
 */
class AlertRulesTest {
  private static final Path PROMTOOL = Path.of(System.getProperty("kafka.etl.test.promtool", "/usr/bin/promtool"));
  private static final Path CONF = Path.of("..", "conf");

  @Test
  void theExampleRulesAreValidAndFireWhenTheirTestsSay() throws Exception {
    assertThat(promtool("check", "rules", "prometheus-alerts.yml")).contains("SUCCESS: 8 rules found");
    assertThat(promtool("test", "rules", "prometheus-alerts.test.yml")).contains("SUCCESS");
  }

  @Test
  void eachRuleHasARunbookSectionThatExists() throws Exception {
    String rules = Files.readString(CONF.resolve("prometheus-alerts.yml"), StandardCharsets.UTF_8);
    String runbook = Files.readString(Path.of("..", "docs", "runbook.md"), StandardCharsets.UTF_8);
    java.util.regex.Matcher link = java.util.regex.Pattern.compile("runbook: \"docs/runbook.md#([a-z]+)\"")
        .matcher(rules);
    int links = 0;
    while (link.find()) {
      links++;
      String anchor = link.group(1);
      assertThat(runbook.lines()).as("a heading for #" + anchor)
          .anyMatch(line -> line.startsWith("### ") && line.substring(4).toLowerCase().equals(anchor));
    }
    assertThat(links).isGreaterThanOrEqualTo(5);
  }

  private static String promtool(String... arguments) throws IOException, InterruptedException {
    if (!Files.isExecutable(PROMTOOL)) {
      throw new AssertionError("promtool not found at " + PROMTOOL + ": run scripts/install-test-deps (Debian package"
          + " prometheus), or point -Dkafka.etl.test.promtool at one");
    }
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(PROMTOOL.toString()));
    command.addAll(java.util.List.of(arguments));
    Process process = new ProcessBuilder(command).directory(CONF.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("promtool did not end in 60 s: " + command);
    }
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output;
  }
}
