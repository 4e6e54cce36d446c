package org.kafkaetl.mapreduce.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.alert.Severity;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;

class IncompleteAlertsTest {
  private static final HourPartition HOUR = new HourPartition(LocalDateTime.of(2026, 11, 21, 3, 0));

  @Test
  void tenIncompletePartitionsOfATopicAreOneAlertWithOneCommand() {
    List<RangeOutcome> outcomes = new ArrayList<>();
    for (int p = 9; p >= 0; p--) {
      outcomes.add(new RangeOutcome(ev("clicks", p, 0, 100), RangeState.INCOMPLETE, 40, 40, 0, "max pull time"));
    }
    outcomes.add(new RangeOutcome(ev("orders", 0, 0, 5), RangeState.COMPLETE, 5, 5, 0, ""));
    List<Alert> alerts = IncompleteAlerts.forOutcomes(HOUR, outcomes, FixCommands.defaults());
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(a.summary()).contains("clicks", "2026112103", "10 range(s) incomplete");
      assertThat(a.fixCommands()).containsExactly(
          "hadoop jar kafka-etl-job.jar rerun --topic clicks --partition 0,1,2,3,4,5,6,7,8,9 --hour 2026112103");
      assertThat(a.key()).isEqualTo("incomplete:clicks:2026112103:0,1,2,3,4,5,6,7,8,9");
    });
  }

  @Test
  void lostDataIsCriticalWithoutACommandAndKeyedByPartition() {
    RangeOutcome lost = new RangeOutcome(ev("clicks", 3, 0, 100), RangeState.LOST, 100, 60, 0, "deleted",
        List.of(new OffsetRange(0, 40)));
    List<Alert> alerts = IncompleteAlerts.forOutcomes(HOUR, List.of(lost), FixCommands.defaults());
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.summary()).contains("Kafka deleted 40 messages");
      assertThat(a.fixCommands()).isEmpty();
      assertThat(a.key()).contains("clicks-3");
    });
  }

  /** Two topics recreated in one hour are two incidents; neither may suppress the other. */
  @Test
  void planNoticesOfTwoTopicsInOneHourAreTwoIncidentsNamingTopicAndPartitions() {
    List<org.kafkaetl.core.plan.PlanNotice> notices = List.of(
        backwards("orders", 1), backwards("orders", 0), backwards("clicks", 2),
        new org.kafkaetl.core.plan.PlanNotice(org.kafkaetl.core.plan.PlanNotice.Kind.NEW_PARTITION,
            TopicPartition.of("clicks", 3), "first run"));

    List<Alert> alerts = IncompleteAlerts.forPlan(HOUR, List.of(), notices);

    assertThat(alerts).extracting(Alert::key).containsExactly(
        "plan:OFFSETS_WENT_BACKWARDS:clicks:2", "plan:OFFSETS_WENT_BACKWARDS:orders:0,1");
    assertThat(alerts.get(1).summary()).contains("topic orders", "partition(s) 0,1", "2026112103");
  }

  private static org.kafkaetl.core.plan.PlanNotice backwards(String topic, int partition) {
    return new org.kafkaetl.core.plan.PlanNotice(org.kafkaetl.core.plan.PlanNotice.Kind.OFFSETS_WENT_BACKWARDS,
        TopicPartition.of(topic, partition), "latest 5 is below the stored end 90");
  }

  private static KafkaEvent ev(String topic, int partition, long begin, long end) {
    return new KafkaEvent(TopicPartition.of(topic, partition), new OffsetRange(begin, end));
  }
}
