package org.kafkaetl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.ExitCode;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.metrics.CommandMetrics;
import org.kafkaetl.core.metrics.PushFailures;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.status.FleetBookkeeping;
import org.kafkaetl.core.status.FleetRecords;
import org.kafkaetl.core.status.TopicHour;
import org.kafkaetl.mapreduce.driver.RunResult;
import org.slf4j.LoggerFactory;

/**
 * The metrics after a command, pushed to the Debian package's Pushgateway (started here) and read
 * back as Prometheus scrapes them; and the page and the push failing without failing anything.
 */
class MetricsPushTest {
  private static final String GROUP = "command=run,instance=,job=kafka-etl";
  private static final Instant CLOCK = Instant.parse("2026-11-21T23:30:00Z");

  @TempDir
  Path dir;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger logger;

  @BeforeEach
  void captureWarnings() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    logs.setContext(context);
    logs.start();
    logger = context.getLogger(AfterCommandReports.class);
    logger.addAppender(logs);
  }

  @AfterEach
  void stopCapturing() {
    logger.detachAppender(logs);
  }

  @Test
  void aRunWithAnIncompleteAndALostRangePushesItsNumbersAndKeepsTheLastSuccess() throws Exception {
    try (Pushgateway gateway = Pushgateway.start(dir)) {
      Files.createDirectories(dir.resolve("warehouse/clicks/2026-11-20"));
      Files.writeString(dir.resolve("warehouse/clicks/2026-11-20/_COMPLETE"), "{}");
      EtlConfig config = config(Map.of("etl.metrics.pushgateway.url", gateway.url().toString(),
          "etl.status.page.path", dir.resolve("fleet.html").toString()));
      AfterCommandReports reports = new AfterCommandReports(config, () -> reader(config), new CountedPushFailures(),
          Clock.fixed(CLOCK, ZoneOffset.UTC));
      HourPartition hour = FleetStatuses.hour(9);
      Instant firstEnd = Instant.parse("2026-11-21T22:10:00Z");

      reports.report(new CommandMetrics("run", ExitCode.OK, firstEnd, Duration.ofSeconds(30), Duration.ZERO,
          Map.of(), Map.of()));
      RunResult incomplete = new RunResult(ExitCode.INCOMPLETE, 8, hour, List.of(
          outcome("clicks", 0, RangeState.COMPLETE, 1200, 3, List.of()),
          outcome("clicks", 1, RangeState.INCOMPLETE, 300, 0, List.of()),
          outcome("orders", 0, RangeState.LOST, 500, 0, List.of(new OffsetRange(100, 150)))), "run 8",
          List.of(hour), Map.of("clicks", 7L));
      MetricsPush push = reports.report(CommandMetricsOf.readAndMerge("run", ExitCode.INCOMPLETE, incomplete,
          Duration.ofMillis(61_500), new MergeAfterRun.Outcome(ExitCode.OK, List.of(), Map.of("clicks", 4096L,
              "orders", 2048L)), Duration.ofMillis(2_250)));
      assertThat(push).as("what the run's --json says").isEqualTo(MetricsPush.pushed(java.util.OptionalLong.of(0)));

      Map<String, Double> samples = gateway.samples("kafka_etl_");
      assertThat(samples).containsEntry(topic("records_landed", "clicks"), 1500.0)
          .containsEntry(topic("records_landed", "orders"), 500.0)
          .containsEntry(topic("records_landed", "quiet"), 0.0)
          .containsEntry(topic("decode_errors", "clicks"), 3.0)
          .containsEntry(topic("incomplete_ranges", "clicks"), 1.0)
          .containsEntry(topic("incomplete_ranges", "orders"), 0.0)
          .containsEntry(topic("lost_offsets", "orders"), 50.0)
          .containsEntry(topic("lost_offsets", "clicks"), 0.0)
          .containsEntry(topic("bytes_merged", "clicks"), 4096.0)
          .containsEntry(topic("implausible_event_times", "clicks"), 7.0)
          .containsEntry(topic("implausible_event_times", "orders"), 0.0)
          .containsEntry("kafka_etl_duration_seconds{" + GROUP + "}", 61.5)
          .containsEntry("kafka_etl_merge_duration_seconds{" + GROUP + "}", 2.25)
          .containsEntry("kafka_etl_exit_code{" + GROUP + "}", 3.0)
          .containsEntry("kafka_etl_last_success_timestamp_seconds{" + GROUP + "}",
              (double) firstEnd.getEpochSecond())
          .containsEntry(topic("lag_messages", "clicks"), (double) reader(config).read(hour, hour).lag().of("clicks")
              .orElseThrow().messagesBehind() )
          .containsEntry(topic("last_complete_day_timestamp_seconds", "clicks"),
              (double) FleetStatuses.DAY.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
      assertThat(samples.get("kafka_etl_last_finished_timestamp_seconds{" + GROUP + "}"))
          .isGreaterThan(firstEnd.getEpochSecond());
      assertThat(samples.keySet()).noneMatch(k -> k.startsWith("kafka_etl_last_complete_day") && k.contains("orders"));
      assertThat(samples.get(topic("lag_messages", "orders"))).as("Kafka did not answer for orders").isNaN();
      assertThat(dir.resolve("fleet.html")).content().contains(org.kafkaetl.core.status.FleetPage.FORMAT);
      assertThat(logs.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN));
    }
  }

  /**
   * Per topic the age of its oldest message not landed, per partition the lag of only the partitions
   * most behind; a later push where nothing is behind replaces them (no partition series lingers).
   */
  @Test
  void theOldestMessageNotLandedAndThePartitionsMostBehindArrivePerTopicAndGoWhenCaughtUp() throws Exception {
    try (Pushgateway gateway = Pushgateway.start(dir)) {
      EtlConfig config = config(Map.of("etl.metrics.pushgateway.url", gateway.url().toString()));
      // clicks: 12 partitions, partition p 10 * (p + 1) messages behind; orders: Kafka does not answer
      List<org.kafkaetl.core.plan.KafkaPartitionOffsets> behind = new java.util.ArrayList<>();
      for (int p = 0; p < 12; p++) {
        behind.add(new org.kafkaetl.core.plan.KafkaPartitionOffsets(TopicPartition.of("clicks", p), 0, 1_000 + 10 * (p + 1)));
      }
      Instant sent = Instant.now().minusSeconds(7_200);
      Map<TopicPartition, Long> asked = new HashMap<>();
      CommandMetrics run = new CommandMetrics("run", ExitCode.OK, Instant.now(), Duration.ZERO, Duration.ZERO,
          Map.of(), Map.of());
      new AfterCommandReports(config, () -> laggingReader(config, behind, offsets -> {
        asked.putAll(offsets);
        return Map.of(TopicPartition.of("clicks", 11), List.of(sent.toEpochMilli()),
            TopicPartition.of("clicks", 10), List.of(sent.plusSeconds(600).toEpochMilli()));
      }), new CountedPushFailures(), Clock.fixed(CLOCK, ZoneOffset.UTC)).report(run);

      Map<String, Double> samples = gateway.samples("kafka_etl_");
      assertThat(samples.get(topic("oldest_unlanded_seconds", "clicks"))).as("sent two hours ago")
          .isBetween(7_200.0, 7_260.0);
      assertThat(samples.get(topic("oldest_unlanded_seconds", "orders"))).as("Kafka did not answer").isNaN();
      assertThat(samples.get(topic("oldest_unlanded_seconds", "quiet"))).as("nothing behind").isZero();
      assertThat(samples).containsEntry(topic("lag_messages", "clicks"), 780.0);
      Map<String, Double> partitions = new java.util.TreeMap<>(samples);
      partitions.keySet().removeIf(k -> !k.startsWith("kafka_etl_partition_lag_messages"));
      Map<String, Double> expected = new java.util.TreeMap<>();
      for (int p = 2; p < 12; p++) {
        expected.put(partition("clicks", p), 10.0 * (p + 1));
      }
      assertThat(partitions).as("the ten partitions of clicks most behind, none of orders").isEqualTo(expected);
      assertThat(asked.keySet()).extracting(TopicPartition::partition).containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7, 8, 9,
          10, 11);

      List<org.kafkaetl.core.plan.KafkaPartitionOffsets> caughtUp = behind.stream().map(o ->
          new org.kafkaetl.core.plan.KafkaPartitionOffsets(o.partition(), 0, 1_000)).toList();
      new AfterCommandReports(config, () -> laggingReader(config, caughtUp, org.kafkaetl.core.status.MessageTimes.NONE),
          new CountedPushFailures(), Clock.fixed(CLOCK, ZoneOffset.UTC)).report(run);

      Map<String, Double> after = gateway.samples("kafka_etl_");
      assertThat(after).containsEntry(topic("oldest_unlanded_seconds", "clicks"), 0.0)
          .containsEntry(topic("lag_messages", "clicks"), 0.0);
      assertThat(after.keySet()).as("no partition is behind any more").noneMatch(k ->
          k.startsWith("kafka_etl_partition_lag_messages"));
    }
  }

  @Test
  void aCommandThatFailsOutrightPushesItsExitCodeAndKeepsTheLastSuccess() throws Exception {
    try (Pushgateway gateway = Pushgateway.start(dir)) {
      EtlConfig config = config(Map.of("etl.metrics.pushgateway.url", gateway.url().toString()));
      Instant success = Instant.parse("2026-11-21T22:10:00Z");
      new AfterCommandReports(config, () -> reader(config), new CountedPushFailures(),
          Clock.fixed(CLOCK, ZoneOffset.UTC)).report(
          new CommandMetrics("run", ExitCode.OK, success, Duration.ofSeconds(30), Duration.ZERO, Map.of(), Map.of()));

      AfterCommandReports.reportFailure(config, "run", Instant.now().minusSeconds(4),
          new org.kafkaetl.core.RetriableException("cannot connect to the database", null));

      Map<String, Double> samples = gateway.samples("kafka_etl_");
      assertThat(samples).containsEntry("kafka_etl_exit_code{" + GROUP + "}", 1.0)
          .containsEntry("kafka_etl_last_success_timestamp_seconds{" + GROUP + "}", (double) success.getEpochSecond())
          .containsEntry(topic("records_landed", "clicks"), 0.0);
      assertThat(samples.get("kafka_etl_duration_seconds{" + GROUP + "}")).isGreaterThanOrEqualTo(4.0);
      assertThat(samples.get("kafka_etl_last_finished_timestamp_seconds{" + GROUP + "}"))
          .isGreaterThan(success.getEpochSecond());
    }
  }

  @Test
  void anUnreachablePushgatewayAndAnUnwritablePageAreWarningsWithoutTheCredentials() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Files.createDirectories(dir.resolve("a-directory"));
    EtlConfig config = config(Map.of("etl.metrics.pushgateway.url", "http://etl:Push-Secret-5d1@127.0.0.1:" + closed,
        "etl.status.page.path", dir.resolve("a-directory").toString()));
    AfterCommandReports reports = new AfterCommandReports(config, () -> reader(config), new CountedPushFailures(),
        Clock.fixed(CLOCK, ZoneOffset.UTC));

    MetricsPush push = reports.report(new CommandMetrics("run", ExitCode.OK, Instant.now(), Duration.ZERO,
        Duration.ZERO, Map.of(), Map.of()));

    assertThat(push).as("what the run's --json says").isEqualTo(MetricsPush.failed(java.util.OptionalLong.of(1)));

    assertThat(logs.list).filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(m -> assertThat(m).startsWith("fleet page not written to " + dir.resolve("a-directory")))
        .anySatisfy(m -> assertThat(m).startsWith("metrics of run not pushed to the Pushgateway http://etl:[hidden]@"));
    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("Push-Secret"));
    assertThat(config.toString()).doesNotContain("Push-Secret");
  }

  /**
   * A push that fails is counted where the next command finds it, and the next push that succeeds
   * carries the count; a count that cannot be kept (the database down) is a warning, never a failure.
   */
  @Test
  void aFailedPushIsCountedAndTheNextPushThatSucceedsCarriesTheCount() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    CountedPushFailures counted = new CountedPushFailures();
    CommandMetrics run = new CommandMetrics("run", ExitCode.OK, Instant.now(), Duration.ZERO, Duration.ZERO, Map.of(),
        Map.of());
    EtlConfig unreachable = config(Map.of("etl.metrics.pushgateway.url", "http://127.0.0.1:" + closed));
    AfterCommandReports failing = new AfterCommandReports(unreachable, () -> reader(unreachable), counted,
        Clock.fixed(CLOCK, ZoneOffset.UTC));

    assertThat(failing.report(run)).isEqualTo(MetricsPush.failed(java.util.OptionalLong.of(1)));
    assertThat(failing.report(run)).isEqualTo(MetricsPush.failed(java.util.OptionalLong.of(2)));
    assertThat(counted.total("kafka-etl", "run")).isEqualTo(2);
    assertThat(counted.total("kafka-etl", "merge")).isZero();

    try (Pushgateway gateway = Pushgateway.start(dir)) {
      EtlConfig config = config(Map.of("etl.metrics.pushgateway.url", gateway.url().toString()));
      MetricsPush pushed = new AfterCommandReports(config, () -> reader(config), counted,
          Clock.fixed(CLOCK, ZoneOffset.UTC)).report(run);

      assertThat(pushed).isEqualTo(MetricsPush.pushed(java.util.OptionalLong.of(2)));
      assertThat(gateway.samples("kafka_etl_")).containsEntry("kafka_etl_metrics_push_failures{" + GROUP + "}", 2.0);

      PushFailures databaseDown = new PushFailures() {
        @Override
        public void add(String job, String command, Instant at) {
          throw new org.kafkaetl.core.RetriableException("cannot connect to the database", null);
        }

        @Override
        public long total(String job, String command) {
          throw new org.kafkaetl.core.RetriableException("cannot connect to the database", null);
        }
      };
      MetricsPush withoutCount = new AfterCommandReports(config, () -> reader(config), databaseDown,
          Clock.fixed(CLOCK, ZoneOffset.UTC)).report(run);
      assertThat(withoutCount).isEqualTo(MetricsPush.pushed(java.util.OptionalLong.empty()));
      assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
          .anySatisfy(m -> assertThat(m).startsWith("failed pushes of metrics not counted: cannot connect"));
    }
  }

  /** The database's count, in memory. */
  private static final class CountedPushFailures implements PushFailures {
    private final Map<String, Long> counts = new HashMap<>();

    @Override
    public void add(String job, String command, Instant at) {
      counts.merge(job + "/" + command, 1L, Long::sum);
    }

    @Override
    public long total(String job, String command) {
      return counts.getOrDefault(job + "/" + command, 0L);
    }
  }

  private static String topic(String name, String topic) {
    return "kafka_etl_" + name + "{" + GROUP + ",topic=" + topic + "}";
  }

  private static RangeOutcome outcome(String topic, int partition, RangeState state, long records, long errors,
      List<OffsetRange> lost) {
    return new RangeOutcome(new KafkaEvent(TopicPartition.of(topic, partition), new OffsetRange(0, 1000)), state,
        state == RangeState.INCOMPLETE ? 300 : 1000, records, errors, "", lost);
  }

  private EtlConfig config(Map<String, String> monitoring) {
    Map<String, String> props = new HashMap<>(Map.of("kafka.bootstrap.servers", "127.0.0.1:9",
        "db.url", "jdbc:mariadb://127.0.0.1:9/none", "db.user", "etl", "etl.topics", "clicks,orders,quiet",
        "etl.work.root", dir.resolve("work").toString(), "etl.warehouse.root", dir.resolve("warehouse").toString()));
    props.putAll(monitoring);
    return EtlConfig.parse(props);
  }

  /** The known fleet's bookkeeping, without a database: the hours and records of {@link FleetStatuses#known()}. */
  private static FleetStatusReader reader(EtlConfig config) {
    FleetBookkeeping bookkeeping = new FleetBookkeeping() {
      @Override
      public List<TopicHour> read(Collection<String> topics, HourPartition from, HourPartition to) {
        return FleetStatuses.known().hours();
      }

      @Override
      public FleetRecords recordsPerHour(Collection<String> topics, HourPartition from, HourPartition to) {
        return FleetStatuses.knownRecords();
      }
    };
    try {
      return new FleetStatusReader(config, FileSystem.getLocal(new Configuration()).getRawFileSystem(), bookkeeping,
          Clock.fixed(CLOCK, ZoneOffset.UTC), java.util.Optional.of(new FleetLagReader(config, KafkaNow::new,
              topics -> Map.of(org.kafkaetl.core.TopicPartition.of("clicks", 0),
                  new org.kafkaetl.core.offsets.StoredPosition(1_500, null)))));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String partition(String topic, int partition) {
    return "kafka_etl_partition_lag_messages{" + GROUP + ",partition=" + partition + ",scope=partitions,topic=" + topic
        + "}";
  }

  /** No hours in the window; Kafka holds {@code kafka} (orders does not answer), every partition planned to 1,000. */
  private static FleetStatusReader laggingReader(EtlConfig config, List<org.kafkaetl.core.plan.KafkaPartitionOffsets> kafka,
      org.kafkaetl.core.status.MessageTimes times) {
    FleetBookkeeping nothing = new FleetBookkeeping() {
      @Override
      public List<TopicHour> read(Collection<String> topics, HourPartition from, HourPartition to) {
        return List.of();
      }

      @Override
      public FleetRecords recordsPerHour(Collection<String> topics, HourPartition from, HourPartition to) {
        return FleetRecords.NOT_READ;
      }
    };
    Map<TopicPartition, org.kafkaetl.core.offsets.StoredPosition> planned = new HashMap<>();
    kafka.forEach(o -> planned.put(o.partition(), new org.kafkaetl.core.offsets.StoredPosition(1_000, null)));
    org.kafkaetl.core.plan.PartitionOffsetsSource source = new KafkaNow() {
      @Override
      public org.kafkaetl.core.plan.KafkaOffsetsNow read(Collection<String> topics) {
        return new org.kafkaetl.core.plan.KafkaOffsetsNow(kafka, List.of(new org.kafkaetl.core.plan.TopicUnavailable(
            "orders", List.of(), org.kafkaetl.core.plan.TopicUnavailable.Cause.TIMED_OUT, "")));
      }
    };
    try {
      return new FleetStatusReader(config, FileSystem.getLocal(new Configuration()).getRawFileSystem(), nothing,
          Clock.fixed(CLOCK, ZoneOffset.UTC), java.util.Optional.of(new FleetLagReader(config, () -> source,
              topics -> planned, times)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Kafka as a run sees it: clicks-0 holds 2,000 messages, orders does not answer. */
  private static class KafkaNow implements org.kafkaetl.core.plan.PartitionOffsetsSource {
    @Override
    public List<org.kafkaetl.core.plan.KafkaPartitionOffsets> offsets(Collection<String> topics) {
      throw new UnsupportedOperationException("the status reads what Kafka answers for");
    }

    @Override
    public org.kafkaetl.core.plan.KafkaOffsetsNow read(Collection<String> topics) {
      return new org.kafkaetl.core.plan.KafkaOffsetsNow(List.of(new org.kafkaetl.core.plan.KafkaPartitionOffsets(
          org.kafkaetl.core.TopicPartition.of("clicks", 0), 0, 2_000)), List.of(new org.kafkaetl.core.plan.TopicUnavailable(
          "orders", List.of(), org.kafkaetl.core.plan.TopicUnavailable.Cause.TIMED_OUT, "")));
    }

    @Override
    public void close() {}
  }
}
