package org.kafkaetl.core.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;

class WorkLayoutTest {
  private final KafkaEvent event = new KafkaEvent(TopicPartition.of("page.views_v2", 3), new OffsetRange(100, 250));

  @Test
  void pathsCarryTopicPartitionRangeAndDate() {
    WorkLayout layout = new WorkLayout("/etl/work/");
    assertThat(layout.hourDir(new HourPartition(LocalDateTime.of(2026, 11, 21, 3, 0)))).isEqualTo("/etl/work/2026112103");
    assertThat(WorkLayout.dataFile(event, LocalDate.of(2026, 11, 20)))
        .isEqualTo("page.views_v2/2026-11-20/page.views_v2.3.100-250.avro");
    assertThat(WorkLayout.errorFile(event)).isEqualTo("page.views_v2/_errors/page.views_v2.3.100-250.errors.avro");
    assertThat(WorkLayout.reportFile(event)).isEqualTo("_reports/page.views_v2.3.100-250.json");
  }

  @Test
  void dataFileNamesParseBackToTheirEvent() {
    assertThat(WorkLayout.parseDataFileName("page.views_v2.3.100-250.avro")).contains(event);
    assertThat(WorkLayout.parseDataFileName("page.views_v2.3.250-100.avro")).isEmpty();
    assertThat(WorkLayout.parseDataFileName("notes.txt")).isEmpty();
  }

  @Test
  void hoursParseAndRejectWithTheExpectedForm() {
    assertThat(HourPartition.parse("2026112103").toString()).isEqualTo("2026112103");
    assertThatThrownBy(() -> HourPartition.parse("2026-11-21")).hasMessageContaining("yyyyMMddHH");
  }

  @Test
  void topicNamesWithPathCharactersAreRejected() {
    assertThatThrownBy(() -> TopicPartition.of("../etc", 0)).hasMessageContaining("invalid topic name");
    assertThatThrownBy(() -> TopicPartition.of("a/b", 0)).hasMessageContaining("invalid topic name");
  }
}
