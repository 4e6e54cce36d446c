package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.layout.WorkLayout;
import org.kafkaetl.core.offsets.LockNames;
import org.kafkaetl.core.offsets.RunLock;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.AlertCapture;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.LandedFiles.LandedFile;
import org.kafkaetl.offsets.MySqlRunLock;

/**
 * A run that cannot finish its ranges is INCOMPLETE, exits 3 and alerts once per topic with the
 * rerun command; running exactly that command lands every offset once and the ranges still tile.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class IncompleteAndRerunIT {
  private static final Pattern RERUN = Pattern.compile("hadoop jar kafka-etl-job.jar (rerun .*)");

  @TempDir
  java.nio.file.Path tmp;

  @Test
  void incompleteRangesAlertWithTheRerunCommandThatFixesThem(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 2);
    s.onlyTopic(s.raw);
    s.sendRaw(0, 30);
    s.sendRaw(1, 20);
    Map<TopicPartition, List<Long>> sent = s.sent();
    // Every run folds its hour's reports into one index per topic: reruns of a folded hour below.
    Map<String, String> props = new TreeMap<>(s.properties());
    props.put("etl.reports.fold", "true");
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp.resolve("normal"), props);
    // A pull time that has already run out when the mapper starts leaves every range unread; its
    // alerts name the normal configuration, as an operator's copy would.
    Map<String, String> starvedProps = withPullTime(props, "1ms");
    starvedProps.put("alerts.fix.config", cli.configFile().toString());
    EtlCli starved = new EtlCli(env.hadoop().configuration(), tmp.resolve("starved"), starvedProps);

    List<String> alerts;
    EtlCli.Result run;
    try (AlertCapture capture = new AlertCapture()) {
      run = starved.run("run");
      alerts = capture.alerts();
    }
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.out()).contains("2 of 2 ranges incomplete");
    assertThat(alerts).as("one alert for the topic, listing both partitions").hasSize(1);
    String alert = alerts.get(0);
    assertThat(alert).contains(s.raw, "max pull time");
    List<String> commands = new ArrayList<>();
    Matcher m = RERUN.matcher(alert);
    while (m.find()) {
      commands.add(m.group(1));
    }
    assertThat(commands).as("one command fixes the topic's hour").hasSize(1);
    assertThat(commands.get(0)).contains("--partition 0,1", "--config " + cli.configFile());
    assertThat(s.offsetStore().allRanges(s.raw)).extracting(RangeRecord::state).containsOnly(RangeState.INCOMPLETE);
    String hourOfRun = s.offsetStore().allRanges(s.raw).get(0).hour().toString();
    String date = s.offsetStore().allRanges(s.raw).get(0).hour().date().toString();
    Path hourDir = new Path(s.workRoot, hourOfRun);
    assertFolded(env, hourDir, s.raw);

    EtlCli.Result before = cli.run("status", "--topic", s.raw, "--date", date);
    assertThat(before.exitCode()).as(before.toString()).isEqualTo(3);
    assertThat(before.out()).containsPattern(hourOfRun + " +I +I ")
        .contains("needs action:", commands.get(0).replace("rerun", "hadoop jar kafka-etl-job.jar rerun"));

    EtlCli.Result outOfRange = cli.run("rerun", "--topic", s.raw, "--partition", "1,7", "--hour", hourOfRun);
    assertThat(outOfRange.exitCode()).as(outOfRange.toString()).isEqualTo(2);
    assertThat(outOfRange.err()).contains("partition(s) [7] of " + s.raw + " have no ranges in hour " + hourOfRun,
        "recorded: [0, 1]");

    for (String command : commands) {
      EtlCli.Result rerun = starved.run(command.split(" "));
      assertThat(rerun.exitCode()).as(command + "\n" + rerun).isZero();
      assertThat(rerun.out()).as("the rerun merges what it landed").contains("merge " + s.raw + " " + date + ": 2 hourly files");
    }
    java.nio.file.Path page = tmp.resolve("status.html");
    EtlCli.Result after = cli.run("status", "--topic", s.raw, "--date", date, "--html", page.toString());
    assertThat(after.exitCode()).as(after.toString()).isZero();
    assertThat(after.out()).containsPattern(hourOfRun + " +M +M +50 ").contains("nothing needs action");
    assertThat(java.nio.file.Files.readString(page)).contains("<table>", "class=\"MERGED\"", "Nothing needs action");

    assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot), s.raw)).isEqualTo(sent);
    // The reruns set the folded reads aside (a copy, then a tombstone), and folded their own.
    assertFolded(env, hourDir, s.raw);
    List<RangeRecord> ranges = s.offsetStore().allRanges(s.raw);
    assertThat(ranges).extracting(RangeRecord::state).containsOnly(RangeState.COMPLETE);
    assertThat(ranges).hasSize(2);

    // A rerun of complete ranges replaces their files: still exactly once.
    String hour = ranges.get(0).hour().toString();
    EtlCli.Result nothing = cli.run("rerun", "--topic", s.raw, "--partition", "all", "--hour", hour);
    assertThat(nothing.exitCode()).as(nothing.toString()).isZero();
    assertThat(nothing.out()).contains("nothing to rerun");
    // A merge of the topic holds its lock: replacing mergeable files beside it must wait.
    String mergeLock = LockNames.merge(EtlConfig.parse(s.properties()), s.raw);
    try (RunLock.Held merging = new MySqlRunLock(s.database()).tryAcquire(mergeLock).orElseThrow()) {
      EtlCli.Result refused =
          cli.run("rerun", "--topic", s.raw, "--partition", "all", "--hour", hour, "--include-complete");
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(4);
      assertThat(refused.out() + refused.err()).contains("a merge of " + s.raw + " is running", "nothing was reread");
    }
    assertThat(s.offsetStore().allRanges(s.raw)).extracting(RangeRecord::state).containsOnly(RangeState.COMPLETE);
    EtlCli.Result again = cli.run("rerun", "--topic", s.raw, "--partition", "all", "--hour", hour, "--include-complete",
        "--json");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(again.out());
    assertThat(summary.path("format").asText()).isEqualTo("kafka-etl.run.v1");
    assertThat(summary.path("command").asText()).isEqualTo("rerun");
    assertThat(summary.path("hour").asText()).isEqualTo(hour);
    assertThat(summary.path("rangesNotComplete")).isEmpty();
    assertThat(summary.path("topics")).singleElement().satisfies(t -> {
      assertThat(t.path("topic").asText()).isEqualTo(s.raw);
      assertThat(t.path("ranges").asLong()).isEqualTo(2);
      assertThat(t.path("incompleteRanges").asLong()).isZero();
    });
    assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot), s.raw)).isEqualTo(sent);
    assertFolded(env, hourDir, s.raw);
    EtlCli.Result audit = cli.run("audit", "--topic", s.raw, "--date", date);
    assertThat(audit.exitCode()).as("the audit reads the reports from the index\n" + audit).isZero();
  }

  /** What a fold leaves: the topic's index, no loose report, no run directory. */
  private static void assertFolded(EtlTestEnvironment env, Path hourDir, String topic) throws java.io.IOException {
    org.apache.hadoop.fs.FileSystem fs = env.hadoop().fileSystem();
    Path reports = new Path(hourDir, WorkLayout.REPORTS_DIR);
    List<String> loose = new ArrayList<>();
    for (org.apache.hadoop.fs.FileStatus file : fs.listStatus(reports)) {
      if (file.isFile()) {
        loose.add(file.getPath().getName());
      }
    }
    assertThat(loose).as("loose reports left in " + reports).isEmpty();
    assertThat(fs.listStatus(new Path(reports, WorkLayout.INDEX_DIR))).extracting(f -> f.getPath().getName())
        .containsExactly(topic + ".json");
    Path attempts = new Path(hourDir, WorkLayout.ATTEMPTS_DIR);
    if (fs.exists(attempts)) {
      assertThat(fs.listStatus(attempts)).as("run directories left").noneMatch(f -> f.getPath().getName()
          .startsWith("run-"));
    }
  }

  @Test
  void rerunRejectsBadArgumentsWithExitCode2(EtlTestEnvironment env) {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp, s.properties());
    assertThat(cli.run("rerun", "--topic", s.raw, "--partition", "x", "--hour", "2026112103").exitCode()).isEqualTo(2);
    assertThat(cli.run("rerun", "--topic", s.raw, "--partition", "0", "--hour", "2026-11-21").exitCode()).isEqualTo(2);
    EtlCli.Result unknown = cli.run("rerun", "--topic", "nope", "--partition", "0", "--hour", "2026112103");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("not in etl.topics");
    EtlCli.Result noRanges = cli.run("rerun", "--topic", s.raw, "--partition", "0", "--hour", "2020010100");
    assertThat(noRanges.exitCode()).isEqualTo(2);
    assertThat(noRanges.err()).contains("no ranges recorded for topic " + s.raw + " in hour 2020010100");
    EtlCli.Result future = cli.run("rerun", "--topic", s.raw, "--partition", "0", "--hour", "2999010100", "--json");
    assertThat(future.exitCode()).isEqualTo(2);
    assertThat(future.err()).contains("hour 2999010100 has not begun");
    assertThat(future.out()).as("--json: the error document").contains("\"format\" : \"kafka-etl.error.v1\"",
        "hour 2999010100 has not begun");
    EtlCli.Result badHour = cli.run("rerun", "--topic", s.raw, "--partition", "0", "--hour", "2026113125");
    assertThat(badHour.exitCode()).isEqualTo(2);
    assertThat(badHour.err()).contains("--hour", "expected yyyyMMddHH");
  }

  private static Map<String, String> withPullTime(Map<String, String> props, String pullTime) {
    Map<String, String> copy = new TreeMap<>(props);
    copy.put("etl.max.pull.time", pullTime);
    return copy;
  }
}
