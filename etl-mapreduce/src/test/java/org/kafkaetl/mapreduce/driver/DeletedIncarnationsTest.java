package org.kafkaetl.mapreduce.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;

class DeletedIncarnationsTest {
  private static final RangeRecord INCOMPLETE = new RangeRecord(1, HourPartition.parse("2026112103"),
      new KafkaEvent(TopicPartition.of("t", 0), new OffsetRange(100, 120)), RangeState.INCOMPLETE, 100, 0, 0,
      "no progress", 1, 0, "id-a");
  private final List<List<RangeRecord>> recordedGone = new ArrayList<>();

  @Test
  void aRangeIsReadAgainOnlyWhileKafkaGivesItsIncarnationsId() {
    assertThat(DeletedIncarnations.readable(store(), List.of(INCOMPLETE), Map.of("t", "id-a"), Instant.now()))
        .containsExactly(INCOMPLETE);
    assertThat(recordedGone).isEmpty();

    assertThat(DeletedIncarnations.readable(store(), List.of(INCOMPLETE), Map.of("t", "id-b"), Instant.now()))
        .as("recreated: the offsets are other messages now").isEmpty();
    assertThat(recordedGone).containsExactly(List.of(INCOMPLETE));
  }

  @Test
  void aRangeOfATopicKafkaGaveNoIdForThisRunWaitsForALaterRun() {
    assertThat(DeletedIncarnations.readable(store(), List.of(INCOMPLETE), Map.of(), Instant.now())).isEmpty();
    assertThat(recordedGone).as("not known to be gone either").isEmpty();
  }

  private OffsetStore store() {
    return (OffsetStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {OffsetStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("recordIncarnationGone")) {
            @SuppressWarnings("unchecked")
            List<RangeRecord> ranges = (List<RangeRecord>) args[0];
            recordedGone.add(ranges);
            return null;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
