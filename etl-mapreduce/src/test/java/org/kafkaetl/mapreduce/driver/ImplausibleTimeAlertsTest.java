package org.kafkaetl.mapreduce.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.coverage.ImplausibleCause;
import org.kafkaetl.core.coverage.ImplausibleTimes;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReadOffsets;

class ImplausibleTimeAlertsTest {
  private static final HourPartition HOUR = HourPartition.parse("2026120707");
  private static final EtlConfig CONFIG = EtlConfig.parse(Map.of("kafka.bootstrap.servers", "k:9092",
      "db.url", "jdbc:mysql://db/etl", "db.user", "etl", "etl.topics", "clicks,orders",
      "etl.topics.include", "new\\..*"));

  @Test
  void oneWarningPerTopicNamingTheCountAnExampleOffsetAndTheLikelyCause() {
    List<RangeReport> reports = List.of(
        report("clicks", 0, new ImplausibleTimes(ImplausibleCause.EPOCH_SECONDS, 7, 12, 1_765_091_400L)),
        report("clicks", 1, new ImplausibleTimes(ImplausibleCause.ZERO, 2, 40, 0),
            new ImplausibleTimes(ImplausibleCause.EPOCH_SECONDS, 1, 41, 1_765_091_401L)),
        report("orders", 0));
    assertThat(ImplausibleTimeAlerts.forReports(HOUR, reports, CONFIG)).singleElement().satisfies(a -> {
      assertThat(a.severity()).isEqualTo(Severity.WARNING);
      assertThat(a.key()).isEqualTo("implausible-event-times:clicks:2026120707");
      assertThat(a.summary()).isEqualTo("topic clicks hour 2026120707: 10 records with implausible event times,"
          + " e.g. clicks-0@12 (1765091400 ms = 1970-01-21T10:18:11.400Z); likely epoch seconds in a millisecond"
          + " field: times 1000 it is plausible");
      assertThat(a.details()).contains("8 epoch seconds", "2 a time of 0", "clicks-1@40 (0 ms = 1970-01-01T00:00:00Z)",
          "etl.event.time.min");
      assertThat(a.fixCommands()).containsExactly(
          "hadoop jar kafka-etl-job.jar status --topic clicks --date 2026-12-07");
    });
    assertThat(ImplausibleTimeAlerts.counts(reports)).isEqualTo(Map.of("clicks", 10L, "orders", 0L));
  }

  @Test
  void aTopicMatchedByAPatternIsAlertedLikeAListedOne() {
    assertThat(ImplausibleTimeAlerts.forReports(HOUR, List.of(
        report("new.one", 0, new ImplausibleTimes(ImplausibleCause.ZERO, 1, 0, 0))), CONFIG))
        .singleElement().satisfies(a -> assertThat(a.summary()).startsWith("topic new.one hour 2026120707: 1 records"));
    assertThat(NewTopicAlerts.of(HOUR, Set.of("new.one"), Map.of(TopicPartition.of("new.one", 0), 0L,
        TopicPartition.of("new.one", 1), 0L, TopicPartition.of("clicks", 3), 9L), CONFIG))
        .singleElement().satisfies(a -> {
          assertThat(a.severity()).isEqualTo(Severity.INFO);
          assertThat(a.key()).isEqualTo("new-topic:new.one");
          assertThat(a.summary()).isEqualTo("topic new.one matches etl.topics.include and is landed from hour"
              + " 2026120707 on: 2 partitions, from earliest offsets");
          assertThat(a.details()).contains("'new\\..*'", "0@0, 1@0", "etl.topics.exclude");
        });
    assertThat(NewTopicAlerts.of(HOUR, Set.of("new.two"), Map.of(), CONFIG)).as("not planned: later").isEmpty();
  }

  private static RangeReport report(String topic, int partition, ImplausibleTimes... implausible) {
    return new RangeReport(new KafkaEvent(TopicPartition.of(topic, partition), new OffsetRange(0, 100)), 100, 100, 0,
        1000, "", Map.of("1970-01-21", 100L), List.of(), 0, 0, 0, List.of(), ReadOffsets.UNKNOWN, 0,
        List.of(implausible));
  }
}
