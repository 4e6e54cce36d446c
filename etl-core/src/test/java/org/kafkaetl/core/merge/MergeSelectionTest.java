package org.kafkaetl.core.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.merge.MergeSelection.PartitionWork;

class MergeSelectionTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  private static final HourPartition H3 = new HourPartition(LocalDateTime.of(2026, 11, 21, 3, 0));

  @Test
  void appendsOnlyWhatTheLedgerDoesNotHoldInOffsetOrder() {
    HourlyFile a = file(0, 0, 10);
    HourlyFile b = file(0, 10, 20);
    HourlyFile c = file(0, 20, 30);
    HourlyFile d = file(1, 0, 5);
    Map<Integer, PartitionWork> work = MergeSelection.select(List.of(c, a, d, b), List.of(entry(a)));
    assertThat(work.get(0).toAppend()).containsExactly(b, c);
    assertThat(work.get(0).rebuild()).isFalse();
    assertThat(work.get(1).toAppend()).containsExactly(d);
  }

  @Test
  void everythingMergedMeansNothingToDo() {
    HourlyFile a = file(0, 0, 10);
    assertThat(MergeSelection.select(List.of(a), List.of(entry(a)))).isEmpty();
  }

  @Test
  void aRangeCompletedAfterLaterOnesWereMergedForcesARebuild() {
    HourlyFile early = file(0, 0, 10);
    HourlyFile later = file(0, 10, 20);
    Map<Integer, PartitionWork> work = MergeSelection.select(List.of(early, later), List.of(entry(later)));
    assertThat(work.get(0).rebuild()).as("appending offsets 0-10 after 10-20 would break order").isTrue();
  }

  private static HourlyFile file(int partition, long begin, long end) {
    return new HourlyFile(new KafkaEvent(TopicPartition.of("t", partition), new OffsetRange(begin, end)), H3, DAY,
        "/etl/work/2026112103/t/2026-11-21/t." + partition + "." + begin + "-" + end + ".avro");
  }

  private static LedgerEntry entry(HourlyFile f) {
    return new LedgerEntry(f, "/wh/t/2026-11-21/t." + f.partition() + ".avro", 0, "id", 0, 100, 10, Instant.EPOCH);
  }
}
