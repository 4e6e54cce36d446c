package org.kafkaetl.it.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.alerts.AlertSenders;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.AlertHistory;
import org.kafkaetl.core.alert.AlertHistory.Outcome;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.AlertSettings;
import org.kafkaetl.core.config.Password;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.SmsGateway;
import org.kafkaetl.offsets.Database;
import org.kafkaetl.offsets.JdbcAlertHistory;

/**
 * The on-call path end to end: an incomplete run pages through a local HTTP server standing in for
 * the SMS gateway, once per incident; the command in the SMS fixes the hour; the token travels only
 * in the Authorization header and is stored nowhere.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class SmsAlertIT {
  private static final String TOKEN = "gw-token-7f3a9";

  @TempDir
  java.nio.file.Path tmp;

  @Test
  void anIncompleteHourPagesOnceAndTheCommandInTheSmsFixesIt(EtlTestEnvironment env) throws Exception {
    try (SmsGateway gateway = SmsGateway.start()) {
      EtlScenario s = new EtlScenario(env, tmp, 2);
      s.onlyTopic(s.raw).set("etl.retry.max.attempts", "1");
      s.properties().putAll(gateway.alertSettings(TOKEN));
      s.sendRaw(0, 12);
      s.sendRaw(1, 8);
      Map<TopicPartition, List<Long>> sent = s.sent();
      EtlCli normal = new EtlCli(env.hadoop().configuration(), tmp.resolve("normal"), s.properties());
      Map<String, String> starvedProps = new TreeMap<>(s.properties());
      starvedProps.put("etl.max.pull.time", "1ms");
      starvedProps.put("alerts.fix.config", normal.configFile().toString());
      EtlCli starved = new EtlCli(env.hadoop().configuration(), tmp.resolve("starved"), starvedProps);

      EtlCli.Result first = starved.run("run");
      assertThat(first.exitCode()).isEqualTo(3);
      assertThat(gateway.bodies()).as("one SMS for the topic's hour").hasSize(1);
      assertThat(gateway.authorizations()).containsExactly("Bearer " + TOKEN);
      assertThat(gateway.texts().get(0)).as("the cause").contains("max pull time reached");
      assertThat(gateway.fixCommands()).singleElement().asString().startsWith("rerun ")
          .contains("--topic " + s.raw, "--partition 0,1", "--config " + normal.configFile());
      String command = gateway.fixCommands().get(0);

      EtlCli.Result again = starved.run(command.replaceAll(" --config .*", "").split(" "));
      assertThat(again.exitCode()).isEqualTo(3);
      assertThat(gateway.bodies()).as("the same incident within the window is not paged twice").hasSize(1);

      EtlCli.Result fixed = starved.run(command.split(" "));
      assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
      assertThat(gateway.texts()).as("whoever was paged is told the incident is over").hasSize(2);
      assertThat(gateway.texts().get(1)).contains("RESOLVED", "topic " + s.raw, "ranges settled");
      assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot), s.raw)).isEqualTo(sent);

      for (String output : List.of(first.out(), first.err(), fixed.out(), fixed.err(), historyDump(env, s))) {
        assertThat(output).doesNotContain(TOKEN);
      }
      assertThat(historyDump(env, s)).contains("CRITICAL|0|log,sms", "CRITICAL|1|");
    }
  }

  /**
   * The stored rule behind suppression: a page no paging channel delivered is not "sent", so the
   * next raise goes out again; the log that carried it still hears the resolution.
   */
  @Test
  void aPageNobodyReceivedDoesNotCountAsSent(EtlTestEnvironment env) throws Exception {
    String name = freshDatabase(env);
    JdbcAlertHistory history = new JdbcAlertHistory(database(env, name));
    Alert page = new Alert(Severity.CRITICAL, "lost:t:0", "offsets lost", "", List.of());
    Instant at = Instant.parse("2026-11-21T03:05:00Z");

    history.record(page, at, at, AlertHistory.Outcome.UNDELIVERED, List.of("log"), List.of("sms", "webhook"));
    assertThat(history.lastSent(page.key())).isEmpty();
    assertThat(history.openIncidents("lost:")).containsExactly(new AlertHistory.OpenIncident(page.key(), Set.of("log")));

    history.record(page, at.plusSeconds(600), at.plusSeconds(600), AlertHistory.Outcome.SENT, List.of("log", "sms"),
        List.of("webhook"));
    history.record(page, at.plusSeconds(900), at.plusSeconds(900), AlertHistory.Outcome.SUPPRESSED, List.of(), List.of());
    assertThat(history.lastSent(page.key())).contains(at.plusSeconds(600));
    assertThat(history.openIncidents("lost:")).singleElement()
        .satisfies(i -> assertThat(i.channels()).containsExactlyInAnyOrder("log", "sms"));

    try (Connection c = env.mariaDb().connectAsRoot(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT suppressed, undelivered, channels, failed_channels FROM `" + name
            + "`.etl_alerts ORDER BY alert_id")) {
      List<String> rows = new java.util.ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getInt(1) + "|" + rs.getInt(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
      }
      assertThat(rows).containsExactly("0|1|log|sms,webhook", "0|0|log,sms|webhook", "1|0||");
    }
  }

  /**
   * The one statement finding the pages still owed, on the real server: each key's latest raise
   * decides (a later sent raise or a resolution settles it, a suppressed one does not count), the
   * look-back counts from the first raise, and it reads the table through its indexes; the dispatcher
   * sends each page it finds once.
   */
  @Test
  void thePagesNobodyReceivedAreFoundInOneStatementThroughTheIndexes(EtlTestEnvironment env) throws Exception {
    String name = freshDatabase(env);
    JdbcAlertHistory history = new JdbcAlertHistory(database(env, name));
    Instant t0 = Instant.parse("2026-11-21T03:05:00Z");
    Instant since = t0.plus(Duration.ofMinutes(30)).minus(Duration.ofHours(24));
    Alert lost = page("lost:t:0:2026112103", "offsets lost", List.of("hadoop jar kafka-etl-job.jar status", "then x"));
    Alert sentLater = page("topic-recreated:t", "topic t recreated", List.of());
    Alert resolved = page("run-stopped:41", "run 41 stopped", List.of());
    Alert tooOld = page("job-left-running:40", "job left running", List.of());
    Alert retried = page("lost-read:u:1", "read lost", List.of());
    Alert retriedTooLong = page("lost-read:u:2", "read lost long ago", List.of());
    Alert recurring = page("out-of-window:v:2026112102", "v: events out of window", List.of());
    for (int i = 0; i < 300; i++) { // what the table mostly holds: pages that went out
      Instant at = t0.minus(Duration.ofMinutes(10L * i));
      history.record(page("incomplete:w:" + i, "incomplete", List.of()), at, at, Outcome.SENT, List.of("log", "sms"),
          List.of());
    }
    undelivered(history, lost, t0, t0);
    undelivered(history, sentLater, t0, t0);
    history.record(sentLater, t0.plusSeconds(600), t0.plusSeconds(600), Outcome.SENT, List.of("log", "sms"), List.of());
    undelivered(history, resolved, t0, t0);
    history.recordResolution(resolved.key(), "RESOLVED: run 41 settled", t0.plusSeconds(600), List.of("log"));
    undelivered(history, tooOld, t0.minus(Duration.ofHours(25)), t0.minus(Duration.ofHours(25)));
    undelivered(history, retried, t0.minus(Duration.ofHours(23)), t0.minus(Duration.ofHours(23)));
    undelivered(history, retried, t0.plusSeconds(300), t0.minus(Duration.ofHours(23)));
    undelivered(history, retriedTooLong, t0.minus(Duration.ofHours(26)), t0.minus(Duration.ofHours(26)));
    undelivered(history, retriedTooLong, t0.plusSeconds(60), t0.minus(Duration.ofHours(26)));
    undelivered(history, recurring, t0.plusSeconds(60), t0.plusSeconds(60));
    history.record(recurring, t0.plusSeconds(90), t0.plusSeconds(90), Outcome.SUPPRESSED, List.of(), List.of());
    Alert recurred = page(recurring.key(), "v: more events out of window", List.of());
    undelivered(history, recurred, t0.plusSeconds(1200), t0.plusSeconds(1200));

    assertThat(history.undeliveredSince(since)).as("least recently tried first").containsExactly(
        new AlertHistory.UndeliveredPage(lost, t0),
        new AlertHistory.UndeliveredPage(retried, t0.minus(Duration.ofHours(23))),
        new AlertHistory.UndeliveredPage(recurred, t0.plusSeconds(1200)));

    try (Connection c = env.mariaDb().connectAsRoot(); Statement st = c.createStatement()) {
      st.execute("ANALYZE TABLE `" + name + "`.etl_alerts");
      st.execute("USE `" + name + "`");
      String literal = "'" + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
          .format(LocalDateTime.ofInstant(since, ZoneOffset.UTC)) + "'";
      Map<String, String> keyOfTable = new TreeMap<>();
      try (ResultSet rs = st.executeQuery("EXPLAIN " + JdbcAlertHistory.undeliveredSinceStatement().replace("?", literal))) {
        while (rs.next()) {
          keyOfTable.put(rs.getString("table"), rs.getString("type") + " " + rs.getString("key"));
        }
      }
      assertThat(keyOfTable).as("the undelivered rows of the look-back, then each one's key")
          .containsEntry("a", "range etl_alerts_undelivered").containsEntry("later", "ref etl_alerts_key");
    }

    try (SmsGateway gateway = SmsGateway.start()) {
      AlertSettings.Sms sms = new AlertSettings.Sms(gateway.url(), "POST", List.of(SmsGateway.RECIPIENT),
          "{\"to\":\"${recipient}\",\"message\":\"${text}\"}", AlertSettings.BodyFormat.JSON, new Password(TOKEN),
          Severity.CRITICAL);
      AlertSettings settings = new AlertSettings(List.of("log", "sms"), Duration.ofHours(1), Duration.ofHours(24),
          Optional.of(sms), Optional.empty(), FixCommands.defaults());
      Clock at = Clock.fixed(since.plus(Duration.ofHours(24)), ZoneOffset.UTC);
      AlertSenders.from(settings, history, at).redeliverUndelivered();
      assertThat(gateway.texts()).as("each page still owed, once, marked delayed with its first raise").satisfiesExactly(
          t -> assertThat(t).startsWith("[CRITICAL] DELAYED page, first raised 2026-11-21 03:05 UTC: offsets lost"),
          t -> assertThat(t).startsWith("[CRITICAL] DELAYED page, first raised 2026-11-20 04:05 UTC: read lost"),
          t -> assertThat(t).startsWith("[CRITICAL] DELAYED page, first raised 2026-11-21 03:25 UTC: v: more events"));
      assertThat(history.undeliveredSince(since)).as("delivered: owed no more").isEmpty();
      AlertSenders.from(settings, history, at).redeliverUndelivered();
      assertThat(gateway.texts()).hasSize(3);
    }
  }

  private static Alert page(String key, String summary, List<String> commands) {
    return new Alert(Severity.CRITICAL, key, summary, "what happened\nand why", commands);
  }

  private static void undelivered(JdbcAlertHistory history, Alert alert, Instant at, Instant firstRaised) {
    history.record(alert, at, firstRaised, Outcome.UNDELIVERED, List.of("log"), List.of("sms"));
  }

  private static String freshDatabase(EtlTestEnvironment env) throws java.sql.SQLException {
    String name = EtlTestEnvironment.uniqueName("alerts").replaceAll("[^a-zA-Z0-9_]", "_");
    env.mariaDb().createDatabase(name);
    database(env, name).migrate();
    return name;
  }

  private static Database database(EtlTestEnvironment env, String name) {
    return new Database(env.mariaDb().jdbcUrl(name), env.mariaDb().user(), env.mariaDb().password());
  }

  private static String historyDump(EtlTestEnvironment env, EtlScenario s) throws Exception {
    StringBuilder dump = new StringBuilder();
    try (Connection c = env.mariaDb().connectAsRoot(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT severity, suppressed, channels, summary, details, commands FROM `"
            + s.name + "`.etl_alerts ORDER BY alert_id")) {
      while (rs.next()) {
        dump.append(rs.getString(1)).append('|').append(rs.getInt(2)).append('|').append(rs.getString(3)).append('|')
            .append(rs.getString(4)).append('|').append(rs.getString(5)).append('|').append(rs.getString(6)).append('\n');
      }
    }
    return dump.toString();
  }
}
