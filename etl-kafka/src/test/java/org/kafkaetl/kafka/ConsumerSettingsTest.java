package org.kafkaetl.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {
  @Test
  void fetchesWaitBrieflyOnTheBrokerUnlessConfigured() {
    assertThat(ConsumerSettings.forReading(Map.of(), "c").get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG))
        .isEqualTo(String.valueOf(ConsumerSettings.FETCH_MAX_WAIT_MS));
    assertThat(ConsumerSettings.forReading(Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "200"), "c")
        .get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)).isEqualTo("200");
  }

  @Test
  void exactlyOnceSettingsCannotBeOverridden() {
    Map<String, Object> props = ConsumerSettings.forReading(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.GROUP_ID_CONFIG, "g"), "c");
    assertThat(props).containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")
        .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none")
        .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
  }
}
