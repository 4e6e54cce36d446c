package org.kafkaetl.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.layout.WarehouseLayout;
import org.kafkaetl.core.layout.WorkLayout;

/** The audit parses names on its own; these tests keep it in agreement with what the writers write. */
class LandedNamesTest {
  private static final String TOPIC = "page.views-v2";
  private static final KafkaEvent EVENT = new KafkaEvent(TopicPartition.of(TOPIC, 3), new OffsetRange(100, 250));
  private final LandedNames names = new LandedNames(TOPIC);

  @Test
  void readsTheNamesTheHourlyJobWrites() {
    String data = last(WorkLayout.dataFile(EVENT, LocalDate.of(2026, 11, 21)));
    String errors = last(WorkLayout.errorFile(EVENT));
    assertThat(names.dataFile(data)).contains(new LandedNames.RangeFile(3, new OffsetRange(100, 250)));
    assertThat(names.errorFile(errors)).contains(new LandedNames.RangeFile(3, new OffsetRange(100, 250)));
    assertThat(names.dataFile(errors)).as("an error file is not a data file").isEmpty();
    assertThat(names.errorFile(data)).isEmpty();
  }

  @Test
  void readsTheNamesTheMergeWrites() {
    WarehouseLayout warehouse = new WarehouseLayout("/wh");
    assertThat(names.dailyFile(last(warehouse.dailyFile(TOPIC, LocalDate.of(2026, 11, 21), 3, 0))))
        .contains(new LandedNames.DailyName(3, 0));
    assertThat(names.dailyFile(last(warehouse.dailyFile(TOPIC, LocalDate.of(2026, 11, 21), 3, 2))))
        .contains(new LandedNames.DailyName(3, 2));
  }

  @Test
  void refusesNamesOfOtherTopicsAndBackwardRanges() {
    assertThat(names.dataFile("page.views.3.100-250.avro")).isEmpty();
    assertThat(names.dataFile(TOPIC + ".3.250-100.avro")).isEmpty();
    assertThat(names.dailyFile("other.3.avro")).isEmpty();
  }

  private static String last(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
