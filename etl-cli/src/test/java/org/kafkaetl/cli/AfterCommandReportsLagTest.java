package org.kafkaetl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.metrics.CommandMetrics;
import org.kafkaetl.core.metrics.PushFailures;
import org.kafkaetl.core.status.FleetBookkeeping;
import org.kafkaetl.core.status.FleetLag;
import org.kafkaetl.core.status.FleetLagHistory;
import org.kafkaetl.core.status.FleetRecords;
import org.kafkaetl.core.status.LagHistory;
import org.kafkaetl.core.status.TopicHour;

/**
 * Whichever of the page and the push a command reports to, the lag the status measured is kept
 * once as the current hour's, and the status is read once; with neither, nothing is read or kept.
 */
class AfterCommandReportsLagTest {
  private static final Instant NOW = Instant.parse("2026-11-21T23:30:00Z");
  private static final HourPartition HOUR = HourPartition.containing(NOW, ZoneOffset.UTC);

  @TempDir
  Path dir;

  private final List<HourPartition> kept = new ArrayList<>();
  private int statusReads;

  @Test
  void thePageAloneKeepsTheLagItRead() throws Exception {
    report(Map.of("etl.status.page.path", dir.resolve("fleet.html").toString()));

    assertThat(kept).containsExactly(HOUR);
    assertThat(statusReads).isEqualTo(1);
  }

  @Test
  void thePushAloneReadsTheStatusAndKeepsItsLag() throws Exception {
    report(Map.of("etl.metrics.pushgateway.url", unreachableGateway()));

    assertThat(kept).containsExactly(HOUR);
    assertThat(statusReads).isEqualTo(1);
  }

  @Test
  void thePageAndThePushShareOneReadAndKeepTheLagOnce() throws Exception {
    report(Map.of("etl.status.page.path", dir.resolve("fleet.html").toString(),
        "etl.metrics.pushgateway.url", unreachableGateway()));

    assertThat(kept).containsExactly(HOUR);
    assertThat(statusReads).isEqualTo(1);
  }

  @Test
  void neitherReadsNorKeepsAnything() throws Exception {
    assertThat(report(Map.of())).isEqualTo(MetricsPush.NOT_CONFIGURED);

    assertThat(kept).isEmpty();
    assertThat(statusReads).isZero();
  }

  private MetricsPush report(Map<String, String> monitoring) throws Exception {
    Map<String, String> props = new HashMap<>(Map.of("kafka.bootstrap.servers", "127.0.0.1:9",
        "db.url", "jdbc:mariadb://127.0.0.1:9/none", "db.user", "etl", "etl.topics", "clicks",
        "etl.work.root", dir.resolve("work").toString(), "etl.warehouse.root", dir.resolve("warehouse").toString()));
    props.putAll(monitoring);
    EtlConfig config = EtlConfig.parse(props);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    LagHistory history = new LagHistory() {
      @Override
      public void record(HourPartition hour, Instant measuredAt, FleetLag lag) {
        kept.add(hour);
      }

      @Override
      public FleetLagHistory read(Collection<String> topics, HourPartition from, HourPartition to) {
        return FleetLagHistory.NOT_READ;
      }
    };
    return new AfterCommandReports(config, () -> new FleetStatusReader(config, fs, bookkeeping(), clock),
        new NoPushFailures(), clock, history).report(new CommandMetrics("run", ExitCode.OK, NOW, Duration.ZERO,
            Duration.ZERO, Map.of(), Map.of()));
  }

  /** Nothing in the window; counts each read of the status. */
  private FleetBookkeeping bookkeeping() {
    return new FleetBookkeeping() {
      @Override
      public List<TopicHour> read(Collection<String> topics, HourPartition from, HourPartition to) {
        statusReads++;
        return List.of();
      }

      @Override
      public FleetRecords recordsPerHour(Collection<String> topics, HourPartition from, HourPartition to) {
        return FleetRecords.NOT_READ;
      }
    };
  }

  /** A push that fails: the lag is kept before the push, whatever becomes of it. */
  private static String unreachableGateway() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  private static final class NoPushFailures implements PushFailures {
    @Override
    public void add(String job, String command, Instant at) {}

    @Override
    public long total(String job, String command) {
      return 0;
    }
  }
}
