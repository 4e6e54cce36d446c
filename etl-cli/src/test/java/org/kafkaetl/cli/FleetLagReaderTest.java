package org.kafkaetl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.offsets.StoredPosition;
import org.kafkaetl.core.plan.KafkaOffsetsNow;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;
import org.kafkaetl.core.plan.PartitionOffsetsSource;
import org.kafkaetl.core.status.FleetLag;

class FleetLagReaderTest {
  private static final EtlConfig CONFIG = EtlConfig.parse(Map.of("kafka.bootstrap.servers", "k:9092",
      "db.url", "jdbc:mysql://db/etl", "db.user", "etl", "etl.topics", "clicks,views",
      "etl.new.partition.start", "latest"));

  @Test
  void recreatedTopicsAndNewPartitionsOfATopicAlreadyReadCountFromTheirEarliestOffsetAsTheNextRunReadsThem() {
    PartitionOffsetsSource kafka = source(new KafkaOffsetsNow(List.of(
        new KafkaPartitionOffsets(TopicPartition.of("clicks", 0), 5, 100, "new-id"), // recreated: 95 behind
        new KafkaPartitionOffsets(TopicPartition.of("views", 0), 0, 40, "v"), // planned to 30: 10 behind
        new KafkaPartitionOffsets(TopicPartition.of("views", 1), 2, 12, "v")), List.of())); // added: 10 behind
    FleetLagReader reader = new FleetLagReader(CONFIG, () -> kafka, topics -> Map.of(
        TopicPartition.of("clicks", 0), new StoredPosition(700, "old-id"),
        TopicPartition.of("views", 0), new StoredPosition(30, "v")));

    FleetLag lag = reader.measure(List.of());

    assertThat(lag.of("clicks").orElseThrow().messagesBehind()).isEqualTo(95);
    assertThat(lag.of("views").orElseThrow().messagesBehind()).isEqualTo(20);
  }

  @Test
  void kafkaNotAnsweringIsANoteWithoutItsCredentials() {
    FleetLagReader reader = new FleetLagReader(CONFIG, () -> {
      throw new org.kafkaetl.core.RetriableException(
          "cannot reach Kafka at SASL_SSL://etl:Kafka-Secret-9@k:9092: timed out", null);
    }, topics -> Map.of());

    FleetLag lag = reader.measure(List.of());

    assertThat(lag.topics()).isEmpty();
    assertThat(lag.notes()).singleElement().asString().startsWith("Kafka did not answer").doesNotContain("Kafka-Secret-9");
  }

  private static PartitionOffsetsSource source(KafkaOffsetsNow now) {
    return new PartitionOffsetsSource() {
      @Override
      public List<KafkaPartitionOffsets> offsets(Collection<String> topics) {
        return now.partitions();
      }

      @Override
      public KafkaOffsetsNow read(Collection<String> topics) {
        return now;
      }

      @Override
      public void close() {}
    };
  }
}
