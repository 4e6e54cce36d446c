package org.kafkaetl.it.hourly;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.it.fixtures.EtlEnvironmentExtension;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;
import org.kafkaetl.it.support.EtlCli;
import org.kafkaetl.it.support.EtlScenario;
import org.kafkaetl.it.support.LandedFiles;
import org.kafkaetl.it.support.SmsGateway;

/**
 * MySQL is down when the hourly run starts: the run exits 1 with one line naming the database (not
 * the password), consumes and writes nothing, and one SMS says so — the alert cannot be stored, but
 * it still goes out. With MySQL back, the next run lands every offset exactly once.
 */
@ExtendWith(EtlEnvironmentExtension.class)
class MySqlDownAtStartIT {
  @TempDir
  java.nio.file.Path tmp;

  @Test
  void theRunFailsCleanlyPagesOnceAndTheNextRunLandsEverything(EtlTestEnvironment env) throws Exception {
    try (SmsGateway gateway = SmsGateway.start()) {
      EtlScenario s = new EtlScenario(env, tmp, 2);
      s.onlyTopic(s.raw);
      s.properties().putAll(gateway.alertSettings(""));
      s.sendRaw(0, 10);
      s.sendRaw(1, 7);
      Map<TopicPartition, List<Long>> sent = s.sent();
      EtlCli cli = new EtlCli(env.hadoop().configuration(), tmp, s.properties());

      EtlCli.Result down;
      try {
        env.mariaDb().stop();
        down = cli.run("run");
      } finally {
        env.mariaDb().start();
      }

      assertThat(down.exitCode()).as(down.toString()).isEqualTo(1);
      assertThat(down.err().strip().lines()).as("one line").singleElement().asString()
          .startsWith("kafka-etl: cannot connect to the database at " + env.mariaDb().jdbcUrl(s.name))
          .contains("as '" + env.mariaDb().user() + "'");
      assertThat(down.out() + down.err()).doesNotContain(env.mariaDb().password());
      assertThat(env.hadoop().fileSystem().exists(new Path(s.workRoot))).as("nothing written").isFalse();
      assertThat(tableExists(env, s.name, "etl_offsets")).as("nothing recorded: not even the schema").isFalse();
      assertThat(jobsOfWorkRoot(env, s.workRoot)).as("no job submitted: nothing read from Kafka").isEmpty();

      assertThat(gateway.bodies()).as("one SMS").hasSize(1);
      assertThat(gateway.texts().get(0)).contains("hourly run did not start: the database cannot be used",
          "cannot connect to the database at jdbc:mysql://127.0.0.1:" + env.mariaDb().port() + "/" + s.name)
          .doesNotContain(env.mariaDb().password());
      assertThat(gateway.fixCommands()).containsExactly("run --config " + cli.configFile());

      EtlCli.Result next = cli.run(gateway.fixCommands().get(0).split(" "));
      assertThat(next.exitCode()).as(next.toString()).isZero();
      assertThat(LandedFiles.envelopeOffsets(env.hadoop().fileSystem(), new Path(s.workRoot), s.raw)).isEqualTo(sent);
      assertThat(s.offsetStore().allRanges(s.raw)).extracting(RangeRecord::state)
          .containsExactly(RangeState.COMPLETE, RangeState.COMPLETE);
      assertThat(gateway.bodies()).as("nothing more paged").hasSize(1);
      assertThat(jobsOfWorkRoot(env, s.workRoot)).as("one job, by the run that landed everything").hasSize(1);
    }
  }

  private static boolean tableExists(EtlTestEnvironment env, String database, String table) throws Exception {
    try (Connection c = env.mariaDb().connectAsRoot(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
            + database + "' AND table_name = '" + table + "'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  /**
   * The MapReduce jobs YARN knows (running or ended) that carry a run tag of this work root: every
   * job the tool submits for it does. The tool reads Kafka only from such jobs (it assigns
   * partitions and never commits group offsets, so Kafka itself keeps no trace of a read).
   */
  private static List<String> jobsOfWorkRoot(EtlTestEnvironment env, String workRoot) throws Exception {
    String prefix = org.kafkaetl.mapreduce.job.RunningJobs.workRootTagPrefix(workRoot);
    try (org.apache.hadoop.yarn.client.api.YarnClient yarn = org.apache.hadoop.yarn.client.api.YarnClient.createYarnClient()) {
      yarn.init(env.hadoop().configuration());
      yarn.start();
      return yarn.getApplications().stream()
          .filter(app -> app.getApplicationTags().stream().anyMatch(tag -> tag.startsWith(prefix)))
          .map(app -> app.getApplicationId().toString()).toList();
    }
  }
}
