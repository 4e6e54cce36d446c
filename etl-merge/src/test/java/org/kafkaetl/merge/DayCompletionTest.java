package org.kafkaetl.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.layout.WarehouseLayout;
import org.kafkaetl.core.merge.LedgerEntry;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;

/** Which stuck ranges keep a day from being marked {@code _COMPLETE}. */
class DayCompletionTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 21);
  private static final HourPartition COVERING = new HourPartition(LocalDateTime.of(2026, 11, 22, 0, 0));

  @TempDir
  Path dir;

  private FileSystem fs;
  private DayCompletion completion;
  private final List<RangeRecord> unfinished = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    fs = new RawLocalFileSystem();
    fs.initialize(java.net.URI.create("file:///"), new Configuration());
    completion = new DayCompletion(fs, ledgerWithUnfinished(), new WarehouseLayout(dir.toString()), Clock.systemUTC(),
        topic -> topic.equals("far") ? Duration.ofDays(7) : Duration.ofDays(1));
  }

  @Test
  void aTopicWhoseWindowReachesFurtherAheadIsBlockedByRangesThatFarBeforeTheDay() throws Exception {
    unfinished.add(new RangeRecord(1, new HourPartition(LocalDateTime.of(2026, 11, 15, 3, 0)),
        new KafkaEvent(TopicPartition.of("far", 0), new OffsetRange(0, 10)), RangeState.INCOMPLETE, 3, 3, 0,
        "max pull time", 1));
    assertThat(completion.markIfComplete("far", DAY, true, true, List.of()))
        .as("a range of 2026-11-15 may hold events up to 7 days ahead, so of 2026-11-21").isEmpty();
  }

  @Test
  void aRangeStuckOnAnEarlierDayDoesNotBlockTheDaysAfterIt() throws Exception {
    stuck(LocalDateTime.of(2026, 11, 14, 3, 0), 0);
    stuck(LocalDateTime.of(2026, 11, 18, 23, 0), 1);
    assertThat(completion.markIfComplete("t", DAY, true, true, List.of()))
        .as("ranges of 2026-11-14 and -18 can only hold events of their own or earlier dates").isPresent();
  }

  @Test
  void aRangeStuckOnTheDayOrWithinTheFutureEventSlackBeforeItBlocksTheDay() throws Exception {
    for (LocalDateTime hour : List.of(LocalDateTime.of(2026, 11, 21, 5, 0), LocalDateTime.of(2026, 11, 20, 22, 0),
        COVERING.start())) {
      unfinished.clear();
      stuck(hour, 0);
      assertThat(completion.markIfComplete("t", DAY, true, true, List.of())).as("stuck at " + hour).isEmpty();
    }
  }

  @Test
  void aMarkerAMergeThatDiedLeftStaleIsRewrittenByTheNextMergeThoughItAddsNothing() throws Exception {
    LedgerEntry first = entry(0, 10);
    Path marker = dir.resolve("t/" + DAY + "/_COMPLETE");
    assertThat(completion.markIfComplete("t", DAY, true, true, List.of(first))).isPresent();
    // the merge of a late range recorded it, then died before the marker
    List<LedgerEntry> now = List.of(first, entry(10, 15));

    assertThat(completion.markIfComplete("t", DAY, true, false, now)).as("rewritten").isPresent();
    assertThat(java.nio.file.Files.readString(marker)).contains("\"records\" : 15", "\"revision\" : 2");
    assertThat(completion.markIfComplete("t", DAY, true, false, now)).as("agrees now").isEmpty();
  }

  private static LedgerEntry entry(long begin, long end) {
    KafkaEvent event = new KafkaEvent(TopicPartition.of("t", 0), new OffsetRange(begin, end));
    return new LedgerEntry(new org.kafkaetl.core.merge.HourlyFile(event, COVERING, DAY, "/work/" + begin + ".avro"),
        "/wh/t.0.avro", 0, "id", begin * 10, end * 10, end - begin, java.time.Instant.EPOCH);
  }

  private void stuck(LocalDateTime hour, int partition) {
    unfinished.add(new RangeRecord(1, new HourPartition(hour),
        new KafkaEvent(TopicPartition.of("t", partition), new OffsetRange(0, 10)), RangeState.INCOMPLETE, 3, 3, 0,
        "max pull time", 1));
  }

  /**
   * The two ledger questions a day's completion asks, answered as etl_offsets would: ranges planned in
   * hours up to the last argument and (when a lower bound is given) from the one before it.
   */
  private OffsetStore ledgerWithUnfinished() {
    return (OffsetStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {OffsetStore.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "firstFinishedRunHour" -> Optional.of(COVERING);
          case "unfinishedRanges" -> unfinished.stream()
              .filter(r -> r.hour().compareTo((HourPartition) args[args.length - 1]) <= 0)
              .filter(r -> args.length < 3 || r.hour().compareTo((HourPartition) args[1]) >= 0)
              .toList();
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
