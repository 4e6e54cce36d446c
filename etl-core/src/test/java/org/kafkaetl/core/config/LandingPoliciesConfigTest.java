package org.kafkaetl.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kafkaetl.core.config.EtlConfigTest.problems;
import static org.kafkaetl.core.config.EtlConfigTest.with;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event-time window and tombstone keys: global defaults, per-topic overrides, and what is refused. */
class LandingPoliciesConfigTest {

  @Test
  void defaultsAreTenYearsBackOneDayAheadErrorsAndFormatDependentTombstones() {
    EtlConfig c = EtlConfig.parse(with("etl.topics", "r,j", "topic.j.format", "json", "topic.j.schema", "j.avsc"));
    TopicConfig raw = c.topic("r").orElseThrow();
    TopicConfig json = c.topic("j").orElseThrow();
    assertThat(raw.eventTimeWindow())
        .isEqualTo(new EventTimeWindow(Duration.ofDays(3650), Duration.ofDays(1), OutOfWindowPolicy.ERROR));
    assertThat(raw.tombstones()).isEqualTo(TombstonePolicy.LAND);
    assertThat(json.tombstones()).isEqualTo(TombstonePolicy.SKIP);
  }

  @Test
  void topicsOverrideEachPartOfTheGlobalWindow() {
    EtlConfig c = EtlConfig.parse(with("etl.topics", "a,b", "etl.event.time.max.age", "30d",
        "etl.event.time.max.ahead", "2h", "etl.event.time.out.of.window", "kafka-time",
        "topic.b.event.time.max.ahead", "6h", "topic.b.event.time.out.of.window", "quarantine",
        "topic.b.tombstones", "skip"));
    assertThat(c.topic("a").orElseThrow().eventTimeWindow())
        .isEqualTo(new EventTimeWindow(Duration.ofDays(30), Duration.ofHours(2), OutOfWindowPolicy.KAFKA_TIME));
    assertThat(c.topic("b").orElseThrow().eventTimeWindow())
        .isEqualTo(new EventTimeWindow(Duration.ofDays(30), Duration.ofHours(6), OutOfWindowPolicy.QUARANTINE));
    assertThat(c.topic("b").orElseThrow().tombstones()).isEqualTo(TombstonePolicy.SKIP);
    Map<String, String> props = c.toProperties();
    assertThat(props).containsEntry("topic.a.event.time.out.of.window", "kafka-time");
    assertThat(EtlConfig.parse(props)).isEqualTo(c);
  }

  @Test
  void landingTombstonesNeedsARawTopic() {
    assertThat(problems(with("topic.clicks.format", "json", "topic.clicks.schema", "c.avsc",
        "topic.clicks.tombstones", "land")))
        .singleElement().asString().contains("topic.clicks.tombstones", "json", "use skip or error");
  }

  @Test
  void windowsThatCouldReachTheQuarantineDateOrAreEmptyAreRefused() {
    assertThat(problems(with("etl.event.time.max.age", "20000d", "topic.clicks.event.time.max.ahead", "0s",
        "etl.event.time.out.of.window", "drop")))
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).contains("etl.event.time.max.age", "at most 18250 days"))
        .anySatisfy(p -> assertThat(p).contains("topic.clicks.event.time.max.ahead", "longer than zero"))
        .anySatisfy(p -> assertThat(p).contains("etl.event.time.out.of.window", "error, kafka-time, quarantine"));
  }

  @Test
  void aKafkaCoordinatesFieldIsForJsonAndAvroTopicsAndTravelsWithTheConfig() {
    EtlConfig c = EtlConfig.parse(with("etl.topics", "j", "topic.j.format", "json", "topic.j.schema", "j.avsc",
        "topic.j.kafka.field", "_kafka"));
    assertThat(c.topic("j").orElseThrow().kafkaField()).contains("_kafka");
    assertThat(EtlConfig.parse(c.toProperties())).as("as map tasks get it").isEqualTo(c);
    assertThat(problems(with("topic.clicks.kafka.field", "_kafka"))).singleElement().asString()
        .contains("topic.clicks.kafka.field", "raw");
    assertThat(problems(with("topic.clicks.format", "json", "topic.clicks.schema", "c.avsc",
        "topic.clicks.kafka.field", "kafka-coordinates"))).singleElement().asString()
        .contains("topic.clicks.kafka.field", "Avro field name");
  }
}
