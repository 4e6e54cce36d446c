package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;

/** Each bad input gets one clear message, a non-zero exit code, and nothing consumed or written. */
@ExtendWith(EtlEnvironmentExtension.class)
class BadInputIT {
  @TempDir
  java.nio.file.Path tmp;

  @Test
  void unknownTopic(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1).onlyTopic("no_such_topic_" + System.nanoTime());
    EtlCli.Result r = new EtlCli(env.hadoop().configuration(), tmp, s.properties()).run("run");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("do not exist in Kafka").contains("no_such_topic_");
    assertNothingWritten(env, s);
  }

  @Test
  void invalidTopicNameWithPathCharacters(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1).onlyTopic(EtlScenario.class.getSimpleName());
    s.set("etl.topics", "../../etc/passwd");
    EtlCli.Result r = new EtlCli(env.hadoop().configuration(), tmp, s.properties()).run("run");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("etl.topics", "invalid topic name");
    assertNothingWritten(env, s);
  }

  @Test
  void malformedConfigurationReportsEveryBadKeyAtOnce(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    s.set("etl.max.mappers", "many").set("etl.timezone", "Mars/Olympus").set("etl.max.pull.tme", "5m");
    EtlCli.Result r = new EtlCli(env.hadoop().configuration(), tmp, s.properties()).run("run");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("etl.max.mappers", "etl.timezone", "etl.max.pull.tme");
    assertThat(r.err()).doesNotContain(env.mariaDb().password());
    assertNothingWritten(env, s);

    EtlCli.Result missing = EtlCli.execute(env.hadoop().configuration(), "run", "--config", tmp.resolve("nope.properties").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.properties");

    java.nio.file.Path garbage = tmp.resolve("garbage.properties");
    Files.writeString(garbage, "\\u00zz not a properties file");
    EtlCli.Result unreadable = EtlCli.execute(env.hadoop().configuration(), "run", "--config", garbage.toString());
    assertThat(unreadable.exitCode()).isEqualTo(2);
    assertThat(unreadable.err()).contains("garbage.properties");
  }

  @Test
  void mysqlUnreachable(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    s.sendRaw(0, 3);
    s.sent();
    s.set("db.url", "jdbc:mysql://127.0.0.1:1/kafka_etl");
    EtlCli.Result r = new EtlCli(env.hadoop().configuration(), tmp, s.properties()).run("run");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("cannot connect to the database", "127.0.0.1:1").doesNotContain(env.mariaDb().password());
    assertThat(env.hadoop().fileSystem().exists(new Path(s.workRoot))).isFalse();
  }

  @Test
  void kafkaUnreachableAtPlanning(EtlTestEnvironment env) throws Exception {
    EtlScenario s = new EtlScenario(env, tmp, 1);
    s.set("kafka.bootstrap.servers", "127.0.0.1:1").set("kafka.default.api.timeout.ms", "3000")
        .set("kafka.request.timeout.ms", "2000");
    EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp, s.properties());
    EtlCli.Result r;
    java.util.List<String> alerts;
    try (org.kafkaetl.it.support.AlertCapture capture = new org.kafkaetl.it.support.AlertCapture()) {
      r = cli.run("run");
      alerts = capture.alerts();
    }
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("Kafka at 127.0.0.1:1");
    assertThat(alerts).singleElement().asString().contains("did not start: Kafka cannot be used",
        "Kafka at 127.0.0.1:1", "hadoop jar kafka-etl-job.jar run --config " + cli.configFile());
    assertNothingWritten(env, s);
  }

  private static void assertNothingWritten(EtlTestEnvironment env, EtlScenario s) throws Exception {
    assertThat(env.hadoop().fileSystem().exists(new Path(s.workRoot))).as("no work directory").isFalse();
    assertThat(count(env, s.name, "etl_runs")).as("no run recorded").isZero();
    assertThat(count(env, s.name, "etl_offsets")).as("no range recorded").isZero();
  }

  /** Rows in a table, 0 when the schema was never created. */
  private static long count(EtlTestEnvironment env, String database, String table) throws SQLException {
    try (Connection c = env.mariaDb().connectAsRoot(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
            + database + "' AND table_name = '" + table + "'")) {
      rs.next();
      if (rs.getLong(1) == 0) {
        return 0;
      }
    }
    try (Connection c = env.mariaDb().connectAsRoot(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM `" + database + "`.`" + table + "`")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
