package org.kafkaetl.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;

class SupersessionTest {
  private static final KafkaEvent EVENT = new KafkaEvent(TopicPartition.of("logs", 0), new OffsetRange(100, 200));

  @Test
  void aReadThatGoesFurtherAndLosesNothingTheEarlierLandedReplacesIt() {
    assertThat(Supersession.whyNot(read(200), read(150))).isEmpty();
    assertThat(Supersession.whyNot(read(200, new OffsetRange(150, 160)), read(150))).as("lost only unread offsets")
        .isEmpty();
    assertThat(Supersession.whyNot(read(200, new OffsetRange(100, 120)), read(150, new OffsetRange(100, 120))))
        .as("lost what the earlier read had lost too").isEmpty();
  }

  @Test
  void aReadThatStoppedEarlierDoesNotReplaceIt() {
    assertThat(Supersession.whyNot(read(120), read(150))).hasValueSatisfying(
        why -> assertThat(why).contains("reached offset 120", "150"));
  }

  @Test
  void aReadThatLostOffsetsTheEarlierLandedDoesNotReplaceItEvenWithMoreRecords() {
    // The earlier read landed 100-150; the re-read found 100-130 deleted and read 130-200: more records, fewer of them.
    assertThat(Supersession.whyNot(read(200, new OffsetRange(100, 130)), read(150)))
        .hasValueSatisfying(why -> assertThat(why).contains("[100-130]", "(30)"));
    assertThat(Supersession.whyNot(read(200, new OffsetRange(100, 130)), read(150, new OffsetRange(100, 110))))
        .hasValueSatisfying(why -> assertThat(why).contains("[110-130]", "(20)"));
  }

  @Test
  void aReadThatFoundFewerMessagesWithoutLosingAnyDoesNotReplaceIt() {
    RangeReport compacted = new RangeReport(EVENT, 200, 90, 0, 0, null, Map.of(), List.of());
    assertThat(Supersession.whyNot(compacted, read(200))).hasValueSatisfying(
        why -> assertThat(why).contains("90 messages", "100"));
  }

  private static RangeReport read(long reached, OffsetRange... lost) {
    long lostCount = java.util.Arrays.stream(lost).mapToLong(OffsetRange::count).sum();
    return new RangeReport(EVENT, reached, reached - 100 - lostCount, 0, 0, null, Map.of(), List.of(lost));
  }
}
