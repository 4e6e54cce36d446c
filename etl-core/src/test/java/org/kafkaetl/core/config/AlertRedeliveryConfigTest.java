package org.kafkaetl.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kafkaetl.core.config.EtlConfigTest.minimal;
import static org.kafkaetl.core.config.EtlConfigTest.problems;
import static org.kafkaetl.core.config.EtlConfigTest.with;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** alerts.redelivery.lookback: how long a page nobody received is sent again by later commands. */
class AlertRedeliveryConfigTest {

  @Test
  void aDayByDefaultZeroTurnsItOffAndAWeekAtMost() {
    assertThat(EtlConfig.parse(minimal()).alerts().redeliveryLookback()).isEqualTo(Duration.ofHours(24));
    assertThat(EtlConfig.parse(with("alerts.redelivery.lookback", "0s")).alerts().redeliveryLookback()).isZero();
    assertThat(EtlConfig.parse(with("alerts.redelivery.lookback", "7d")).alerts().redeliveryLookback())
        .isEqualTo(Duration.ofDays(7));
    assertThat(problems(with("alerts.redelivery.lookback", "8d")))
        .containsExactly("alerts.redelivery.lookback: must be between 0 (no redelivery) and 7d (got '8d')");
    assertThat(problems(with("alerts.redelivery.lookback", "a day")))
        .containsExactly("alerts.redelivery.lookback: " + Durations.EXPECTED + " (got 'a day')");
  }
}
