package org.kafkaetl.it.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.it.fixtures.EtlTestEnvironment;

/**
 * The full soak ({@code mvn -pl it-tests -am verify -Psoak}): at least 24 simulated hours,
 * every fault class at least twice, on its own environment with two DataNodes (replication 2) and two
 * NodeManagers so that one of each can be stopped. Prints its seed, the table and its wall time;
 * {@code -Dsoak.seed=N -Dsoak.hours=H} replays a run; {@code -Dsoak.faults=NODE_MANAGER_STOPPED,...}
 * soaks only those classes (e.g. to chase one fault with fewer hours); {@code -Dsoak.times},
 * {@code -Dsoak.perHour} and {@code -Dsoak.partitions} change how often each class strikes, how many
 * may share an hour, and how many partitions the topic starts with.
 */
@Tag("soak")
class FullSoakIT {
  private static final int TIMES_EACH = 2;
  /** Up to three fault classes strike in one hour, one after the other, before the operator acts. */
  private static final int PER_HOUR = 3;

  @TempDir
  Path tmp;

  @Test
  void everyFaultClassTwiceOverADayLandsEverythingExactlyOnceExceptWhatKafkaDeleted() throws Exception {
    Soak.Settings settings = new Soak.Settings(Long.getLong("soak.seed", System.currentTimeMillis()),
        Integer.getInteger("soak.hours", 24), faults(), Integer.getInteger("soak.times", TIMES_EACH),
        Integer.getInteger("soak.perHour", PER_HOUR), Integer.getInteger("soak.partitions", 2),
        Integer.getInteger("soak.rate", 30), formats());
    Path workDir = Paths.get(System.getProperty("it.work.dir", "target/it-work")).resolve("soak").toAbsolutePath();

    try (EtlTestEnvironment env = EtlTestEnvironment.start(workDir, FullSoakIT::twoOfEachNode);
        ClusterNodes nodes = new ClusterNodes(env.hadoop(), 2)) {
      Soak.Report report = new Soak(env, Optional.of(nodes), tmp, settings).run();

      assertThat(report.problems()).as(report.table()).isEmpty();
    }
  }

  /** The soaked formats, raw first: {@code -Dsoak.formats=RAW} soaks the raw topic only. */
  private static List<SoakFormat> formats() {
    String names = System.getProperty("soak.formats", "RAW,JSON,AVRO");
    return java.util.Arrays.stream(names.split(",")).map(String::trim).map(SoakFormat::valueOf).toList();
  }

  private static List<FaultClass> faults() {
    String names = System.getProperty("soak.faults", "");
    return names.isBlank() ? List.of(FaultClass.values())
        : java.util.Arrays.stream(names.split(",")).map(String::trim).map(FaultClass::valueOf).toList();
  }

  /**
   * Two DataNodes with replication 2, two NodeManagers; a stopped node is noticed in seconds, not
   * the production default of ten minutes, and a task that stopped reporting is retried soon.
   */
  private static org.kafkaetl.it.fixtures.HadoopFixture.Builder twoOfEachNode(
      org.kafkaetl.it.fixtures.HadoopFixture.Builder hadoop) {
    return hadoop.dataNodes(2).nodeManagers(2).set("dfs.replication", "2")
        .set("dfs.heartbeat.interval", "1").set("dfs.namenode.heartbeat.recheck-interval", "5000")
        .set("yarn.nm.liveness-monitor.expiry-interval-ms", "15000")
        .set("yarn.resourcemanager.nm.liveness-monitor.interval-ms", "1000")
        .set("mapreduce.task.timeout", "60000");
  }
}
