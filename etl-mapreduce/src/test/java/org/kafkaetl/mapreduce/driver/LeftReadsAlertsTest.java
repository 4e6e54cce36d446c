package org.kafkaetl.mapreduce.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.mapreduce.job.ReadsLeftForAPerson;

class LeftReadsAlertsTest {
  private static final HourPartition HOUR = HourPartition.parse("2026112103");
  private static final String HOUR_DIR = "hdfs://nn:8020/etl/work/2026112103";
  private static final KafkaEvent EVENT = new KafkaEvent(TopicPartition.of("logs", 0), new OffsetRange(0, 10));

  @Test
  void readsWithAnUnreadableReportPageWithTheDirectoryAndTheCommandThatMovesItToJunk() {
    String dir = HOUR_DIR + "/_earlier/run-5.unreadable-report";
    List<Alert> alerts = LeftReadsAlerts.of(HOUR, new ReadsLeftForAPerson(Map.of(),
        Map.of(dir, List.of("logs.0.0-10.json"))));

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(a.summary()).contains(dir, "unreadable report");
      assertThat(a.details()).contains("logs.0.0-10.json", "hdfs dfs -ls -R " + dir);
      assertThat(a.fixCommands()).containsExactly("hdfs dfs -mv " + dir + " " + HOUR_DIR
          + "/_junk/run-5.unreadable-report");
    });
  }

  @Test
  void anEarlierReadMovedToJunkWarnsNamingTheRangeAndWhereItsFilesAre() {
    String where = "4 file(s) of a read without a report (a commit cut short) moved to " + HOUR_DIR
        + "/_junk/run-7.not-intact";
    List<Alert> alerts = LeftReadsAlerts.of(HOUR, new ReadsLeftForAPerson(Map.of(EVENT, where), Map.of()));

    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.severity()).isEqualTo(Severity.WARNING);
      assertThat(a.details()).contains(EVENT.toString(), HOUR_DIR + "/_junk/run-7.not-intact");
    });
  }
}
