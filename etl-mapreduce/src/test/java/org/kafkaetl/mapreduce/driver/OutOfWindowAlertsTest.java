package org.kafkaetl.mapreduce.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.coverage.RangeReport;

class OutOfWindowAlertsTest {
  private static final HourPartition HOUR = HourPartition.parse("2026112103");

  @Test
  void oneWarningPerTopicNamingPartitionsCountPolicyAndTheRerun() {
    EtlConfig config = config("topic.clicks.event.time.out.of.window", "kafka-time");
    List<RangeReport> reports = List.of(report("clicks", 2, 5, 1, 0), report("clicks", 0, 3, 0, 0),
        report("clicks", 1, 0, 0, 7), report("orders", 0, 0, 0, 0));
    assertThat(OutOfWindowAlerts.forReports(HOUR, reports, config)).singleElement().satisfies(a -> {
      assertThat(a.severity()).isEqualTo(Severity.WARNING);
      assertThat(a.key()).isEqualTo("out-of-window:clicks:2026112103:0,2");
      assertThat(a.summary()).contains("topic clicks hour 2026112103: 8 records", "partitions [0, 2]",
          "policy kafka-time", "1 to the error files");
      assertThat(a.details()).contains("clicks-2[0-100)", "clicks/_errors/clicks.2.0-100.errors.avro", "3650d");
      // The ranges are COMPLETE: a plain rerun would do nothing, and the dates already merged must
      // be rebuilt from the new files.
      assertThat(a.fixCommands()).containsExactly(
          "hadoop jar kafka-etl-job.jar rerun --topic clicks --partition 0,2 --hour 2026112103 --include-complete",
          "hadoop jar kafka-etl-job.jar merge --topic clicks --date 2026-11-21 --rebuild");
    });
  }

  @Test
  void skippedTombstonesAloneAreNoAlert() {
    assertThat(OutOfWindowAlerts.forReports(HOUR, List.of(report("clicks", 0, 0, 0, 50)), config())).isEmpty();
  }

  private static RangeReport report(String topic, int partition, long outOfWindow, long toErrors, long tombstones) {
    return new RangeReport(new KafkaEvent(TopicPartition.of(topic, partition), new OffsetRange(0, 100)), 100, 90, 0,
        1000, "", Map.of("2026-11-21", 90L), List.of(), outOfWindow, toErrors, tombstones);
  }

  private static EtlConfig config(String... keyValues) {
    Map<String, String> p = new HashMap<>(Map.of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:mysql://db/etl",
        "db.user", "etl", "etl.topics", "clicks,orders"));
    for (int i = 0; i < keyValues.length; i += 2) {
      p.put(keyValues[i], keyValues[i + 1]);
    }
    return EtlConfig.parse(p);
  }
}
