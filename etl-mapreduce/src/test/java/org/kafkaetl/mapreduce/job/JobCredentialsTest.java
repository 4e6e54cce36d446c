package org.kafkaetl.mapreduce.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.config.EtlConfig;

class JobCredentialsTest {
  private static final String WORK_ROOT = "hdfs://nn2.example:8020/etl/work";

  /** The job itself, as EtlJobRunner builds it (a local work root: building it resolves the file system). */
  @Test
  void theJobAsksForADelegationTokenForTheWorkRoot(@TempDir java.nio.file.Path dir) throws IOException {
    String workRoot = dir.resolve("work").toUri().toString();
    EtlConfig config = EtlConfig.parse(Map.of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:mysql://db/etl",
        "db.user", "etl", "etl.topics", "clicks", "etl.work.root", workRoot, "etl.warehouse.root", "/etl/warehouse"));
    EtlJobRunner runner = new EtlJobRunner(new Configuration(false), config, Map.of());

    Job job = runner.newJob(HourPartition.parse("2026112103"), 7, List.of(), new Path(workRoot, "2026112103"), java.util.Map.of());

    assertThat(job.getConfiguration().getTrimmedStrings(MRJobConfig.JOB_NAMENODES)).containsExactly(workRoot);
  }

  @Test
  void serversAlreadyListedAreKeptAndTheRootIsListedOnce() {
    Configuration conf = new Configuration(false);
    conf.set(MRJobConfig.JOB_NAMENODES, "hdfs://other:8020, " + WORK_ROOT);
    JobCredentials.configure(conf, WORK_ROOT, Map.of());
    assertThat(conf.getTrimmedStrings(MRJobConfig.JOB_NAMENODES)).containsExactly("hdfs://other:8020", WORK_ROOT);
  }

  @Test
  void insideAnOozieLauncherTheLaunchersTokensAreHandedToTheJob() {
    Configuration conf = new Configuration(false);
    JobCredentials.configure(conf, WORK_ROOT, Map.of("HADOOP_TOKEN_FILE_LOCATION", "/yarn/container_1/tokens"));
    assertThat(conf.get(MRJobConfig.MAPREDUCE_JOB_CREDENTIALS_BINARY)).isEqualTo("/yarn/container_1/tokens");
  }

  @Test
  void fromCronNoTokenFileIsSetAndAnExplicitOneIsKept() {
    Configuration fromCron = new Configuration(false);
    JobCredentials.configure(fromCron, WORK_ROOT, Map.of());
    assertThat(fromCron.get(MRJobConfig.MAPREDUCE_JOB_CREDENTIALS_BINARY)).isNull();

    Configuration explicit = new Configuration(false);
    explicit.set(MRJobConfig.MAPREDUCE_JOB_CREDENTIALS_BINARY, "/chosen/tokens");
    JobCredentials.configure(explicit, WORK_ROOT, Map.of("HADOOP_TOKEN_FILE_LOCATION", "/yarn/tokens"));
    assertThat(explicit.get(MRJobConfig.MAPREDUCE_JOB_CREDENTIALS_BINARY)).isEqualTo("/chosen/tokens");
  }
}
