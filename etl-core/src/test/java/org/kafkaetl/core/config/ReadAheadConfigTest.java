package org.kafkaetl.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kafkaetl.core.config.EtlConfigTest.minimal;
import static org.kafkaetl.core.config.EtlConfigTest.problems;
import static org.kafkaetl.core.config.EtlConfigTest.with;

import org.junit.jupiter.api.Test;

/** etl.read.ahead: off unless set, a boolean, and shipped to the map tasks with the rest. */
class ReadAheadConfigTest {

  @Test
  void offUnlessSet() {
    assertThat(EtlConfig.parse(minimal()).readAhead()).isFalse();
    assertThat(EtlConfig.parse(with("etl.read.ahead", "true")).readAhead()).isTrue();
    assertThat(EtlConfig.parse(with("etl.read.ahead", "false")).readAhead()).isFalse();
  }

  @Test
  void travelsToTheMapTasks() {
    EtlConfig on = EtlConfig.parse(with("etl.read.ahead", "true"));
    assertThat(on.toProperties()).containsEntry("etl.read.ahead", "true");
    assertThat(EtlConfig.parse(on.toProperties())).isEqualTo(on);
    assertThat(EtlConfig.parse(minimal()).toProperties()).containsEntry("etl.read.ahead", "false");
  }

  @Test
  void anythingButABooleanIsRefusedByName() {
    assertThat(problems(with("etl.read.ahead", "yes", "etl.max.mappers", "0"))).hasSize(2)
        .anySatisfy(p -> assertThat(p).startsWith("etl.read.ahead: ").contains("'yes'"));
  }
}
