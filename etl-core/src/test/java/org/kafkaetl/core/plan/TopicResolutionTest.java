package org.kafkaetl.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.config.MessageFormat;

class TopicResolutionTest {
  private static EtlConfig config(String include, String exclude) {
    Map<String, String> p = new java.util.HashMap<>(Map.of("kafka.bootstrap.servers", "k:9092",
        "db.url", "jdbc:mysql://db/etl", "db.user", "etl", "etl.topics", "orders.special,clicks",
        "etl.topics.include", include, "topic.default.format", "avro",
        "topic.default.schema", "orders.avsc"));
    if (exclude != null) {
      p.put("etl.topics.exclude", exclude);
    }
    return EtlConfig.parse(p);
  }

  @Test
  void matchesKafkasTopicsAndTheKnownOnesAndSaysWhichAreNew() {
    TopicResolution r = TopicResolution.resolve(config("orders\\..*", "orders\\.tmp"),
        List.of("orders.eu", "orders.us", "orders.tmp", "orders.special", "clicks", "payments"),
        List.of("orders.eu", "orders.gone", "clicks"));
    assertThat(r.matched()).containsExactly("orders.eu", "orders.gone", "orders.us");
    assertThat(r.newlyMatched()).as("in Kafka, never landed").containsExactly("orders.us");
    assertThat(r.config().topicNames()).containsExactly("orders.special", "clicks", "orders.eu", "orders.gone",
        "orders.us");
    assertThat(r.config().topic("orders.us").orElseThrow().format()).isEqualTo(MessageFormat.AVRO);
    assertThat(r.config().topic("orders.special").orElseThrow().format())
        .as("explicit settings win over pattern defaults").isEqualTo(MessageFormat.RAW);
  }

  @Test
  void kafkasInternalAndUnlandableNamesAreNeverSelected() {
    // The samples cannot foresee every pattern; such names are still never landed.
    TopicResolution r = TopicResolution.resolve(config("(__my|_my|[a-z]).*", null),
        List.of("__my_offsets", "_my_schemas", "orders"), List.of());
    assertThat(r.matched()).containsExactly("orders");
  }

  @Test
  void withoutPatternsNothingChanges() {
    EtlConfig plain = EtlConfig.parse(Map.of("kafka.bootstrap.servers", "k:9092", "db.url", "jdbc:mysql://db/etl",
        "db.user", "etl", "etl.topics", "clicks"));
    TopicResolution r = TopicResolution.resolve(plain, List.of("orders", "clicks"), List.of("x"));
    assertThat(r.config()).isSameAs(plain);
    assertThat(r.matched()).isEmpty();
  }
}
