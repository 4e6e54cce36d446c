package org.kafkaetl.mapreduce.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.alert.Alert;
import org.kafkaetl.core.config.EtlConfig;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;
import org.kafkaetl.core.plan.KafkaOffsetsNow;
import org.kafkaetl.core.plan.KafkaPartitionOffsets;

/** The retired-topic check and the retry of a run share one read of the INCOMPLETE ranges. */
class IncompleteRangesTest {
  private static final EtlConfig CONFIG = EtlConfig.parse(Map.of("kafka.bootstrap.servers", "k:9092",
      "db.url", "jdbc:mysql://db/etl", "db.user", "etl", "etl.topics", "clicks", "etl.retry.max.age", "24h"));
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-07T12:30:00Z"), ZoneOffset.UTC);
  /** Kafka's id of clicks now: the topic was recreated since the old range was planned. */
  private static final KafkaOffsetsNow KAFKA = new KafkaOffsetsNow(List.of(new KafkaPartitionOffsets(
      TopicPartition.of("clicks", 0), 0, 500, "id-b")), List.of());

  private final RangeRecord retired = incomplete("old", "2026120710", "id-o");
  private final RangeRecord recent = incomplete("clicks", "2026120710", "id-b");
  /** Past etl.retry.max.age, and of the old incarnation: not the retry's, so not recorded LOST by it either. */
  private final RangeRecord tooOld = incomplete("clicks", "2026120501", "id-a");
  private final List<HourPartition> reads = new ArrayList<>();
  private final List<List<RangeRecord>> recordedGone = new ArrayList<>();

  @Test
  void oneReadServesTheRetiredTopicCheckAndTheRetry() {
    IncompleteRanges incomplete = new IncompleteRanges(store(), CONFIG.timeZone());
    List<Alert> sent = new ArrayList<>();

    RetiredTopicAlerts.send(CONFIG, incomplete, sent::add);
    // no RangeExecution: choosing the ranges reads none of them
    Map<HourPartition, List<KafkaEvent>> retried = new IncompleteRetry(CONFIG, store(), null, NOW)
        .toRetry(KAFKA, incomplete);

    assertThat(reads).as("one read, of every hour").containsExactly(HourPartition.containing(Instant.EPOCH,
        CONFIG.timeZone()));
    assertThat(sent).extracting(Alert::key).containsExactly("retired-topic-incomplete:old");
    assertThat(retried).containsExactlyEntriesOf(Map.of(HourPartition.parse("2026120710"), List.of(recent.event())));
    assertThat(recordedGone).as("a range the retry does not take is not settled by it").isEmpty();
  }

  private OffsetStore store() {
    return (OffsetStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {OffsetStore.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "incompleteRanges" -> {
            reads.add((HourPartition) args[0]);
            yield List.of(tooOld, retired, recent);
          }
          case "recordIncarnationGone" -> {
            @SuppressWarnings("unchecked")
            List<RangeRecord> gone = (List<RangeRecord>) args[0];
            recordedGone.add(gone);
            yield null;
          }
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private static RangeRecord incomplete(String topic, String hour, String topicId) {
    return new RangeRecord(1, HourPartition.parse(hour), new KafkaEvent(TopicPartition.of(topic, 0),
        new OffsetRange(100, 120)), RangeState.INCOMPLETE, 110, 10, 0, "no progress", 1, 0, topicId);
  }
}
