package org.kafkaetl.core.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.TopicPartition;
import org.kafkaetl.core.alert.FixCommands;
import org.kafkaetl.core.offsets.RangeRecord;
import org.kafkaetl.core.offsets.RangeState;

class DayStatusTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
  private static final HourPartition H03 = new HourPartition(DAY.atTime(3, 0));
  private static final HourPartition H04 = new HourPartition(DAY.atTime(4, 0));
  private static final HourPartition NEXT_DAY = new HourPartition(DAY.plusDays(1).atTime(2, 0));
  private static final FixCommands FIX = new FixCommands("hadoop jar /opt/etl.jar", Optional.of("/etc/etl.properties"));

  @Test
  void aCellIsAsBadAsItsWorstRange() {
    assertThat(cell(H03, 0, List.of(row(H03, 0, 0, 10, RangeState.COMPLETE), row(H03, 0, 10, 20, RangeState.INCOMPLETE)))
        .state()).isEqualTo(CellState.INCOMPLETE);
    assertThat(cell(H03, 0, List.of(row(H03, 0, 0, 10, RangeState.LOST), row(H03, 0, 10, 20, RangeState.RUNNING)))
        .state()).isEqualTo(CellState.OPEN);
    assertThat(cell(H03, 0, List.of(row(H03, 0, 0, 10, RangeState.LOST))).state()).isEqualTo(CellState.LOST);
    assertThat(cell(H03, 0, List.of(row(H03, 0, 0, 10, RangeState.COMPLETE))).state()).isEqualTo(CellState.MERGED);
    assertThat(new HourCell(H03, 0, List.of(row(H03, 0, 0, 10, RangeState.LOST)), new TreeSet<>(List.of(DAY))).state())
        .isEqualTo(CellState.UNMERGED);
    assertThat(cell(H03, 0, List.of()).state()).isEqualTo(CellState.EMPTY);
  }

  @Test
  void incompletePartitionsOfAnHourAreOneRerunCommand() {
    DayStatus status = DayStatus.of("clicks", DAY, List.of(
        cell(H03, 0, List.of(row(H03, 0, 0, 10, RangeState.INCOMPLETE))),
        cell(H03, 1, List.of(row(H03, 1, 0, 10, RangeState.COMPLETE))),
        cell(H03, 7, List.of(row(H03, 7, 5, 9, RangeState.INCOMPLETE)))), Optional.empty(), NEXT_DAY);

    assertThat(status.needsAction()).isTrue();
    assertThat(status.actions(FIX)).extracting(DayStatus.Action::command).containsExactly(
        "hadoop jar /opt/etl.jar rerun --topic clicks --partition 0,7 --hour 2026112003 --config /etc/etl.properties");
    assertThat(status.partitions()).containsExactly(0, 1, 7);
    assertThat(status.cells()).hasSize(24);
    assertThat(status.counts()).containsEntry(CellState.INCOMPLETE, 2).containsEntry(CellState.MERGED, 1)
        .containsEntry(CellState.EMPTY, 24 * 3 - 3);
  }

  @Test
  void unmergedFilesNeedAMergeOfTheirDateOnceTheirHourIsPast() {
    HourCell unmerged = new HourCell(H03, 0, List.of(row(H03, 0, 0, 10, RangeState.COMPLETE)),
        new TreeSet<>(List.of(DAY.minusDays(1), DAY)));
    DayStatus later = DayStatus.of("clicks", DAY, List.of(unmerged), Optional.empty(), NEXT_DAY);
    assertThat(later.actions(FIX)).extracting(DayStatus.Action::command).containsExactly(
        "hadoop jar /opt/etl.jar merge --topic clicks --date 2026-11-19 --config /etc/etl.properties",
        "hadoop jar /opt/etl.jar merge --topic clicks --date 2026-11-20 --config /etc/etl.properties");

    DayStatus rightAfterTheRun = DayStatus.of("clicks", DAY, List.of(unmerged), Optional.empty(), H04);
    assertThat(rightAfterTheRun.needsAction()).as("the run of the hour may still be merging").isFalse();
  }

  @Test
  void rangesLeftOpenByAnEarlierHourAreStaleAndTheNextRunSettlesThem() {
    DayStatus status = DayStatus.of("clicks", DAY, List.of(cell(H03, 0, List.of(row(H03, 0, 0, 10, RangeState.RUNNING)))),
        Optional.empty(), NEXT_DAY);
    assertThat(status.actions(FIX)).singleElement().satisfies(a -> {
      assertThat(a.problem()).contains("2026112003", "planned/running");
      assertThat(a.command()).isEqualTo("hadoop jar /opt/etl.jar run --config /etc/etl.properties");
    });
    DayStatus running = DayStatus.of("clicks", DAY, List.of(cell(H04, 0, List.of(row(H04, 0, 0, 10, RangeState.RUNNING)))),
        Optional.empty(), H04);
    assertThat(running.needsAction()).isFalse();
  }

  @Test
  void aDayWhereEverythingIsMergedOrLostNeedsNothing() {
    DayStatus status = DayStatus.of("clicks", DAY, List.of(
        cell(H03, 0, List.of(row(H03, 0, 0, 10, RangeState.COMPLETE))),
        cell(H03, 1, List.of(row(H03, 1, 0, 10, RangeState.LOST)))), Optional.of(2), NEXT_DAY);
    assertThat(status.needsAction()).isFalse();
    assertThat(StatusText.render(status, FIX)).contains("day complete (_COMPLETE revision 2)", "nothing needs action");
  }

  @Test
  void theTextGridHasOneLinePerHourAndTheCommandsBelow() {
    DayStatus status = DayStatus.of("clicks", DAY, List.of(
        cell(H03, 0, List.of(row(H03, 0, 0, 10, RangeState.INCOMPLETE))),
        cell(H03, 12, List.of(row(H03, 12, 0, 10, RangeState.COMPLETE)))), Optional.empty(), NEXT_DAY);
    String text = StatusText.render(status, FIX);
    assertThat(text.lines().filter(l -> l.matches("20261120\\d\\d .*"))).hasSize(24);
    assertThat(text).contains("2026112003   I  M        15            0",
        "2026112004   .  .         0            0", "ranges to look at:\n",
        "2026112003 partition 0: 0-10 INCOMPLETE, 5 records, reached 5: stalled",
        "needs action:", "rerun --topic clicks --partition 0 --hour 2026112003");
  }

  @Test
  void theHtmlPageIsSelfContainedAndEscapesWhatItShows() {
    RangeRecord odd = new RangeRecord(1, H03, event(0, 0, 10), RangeState.INCOMPLETE, 5, 5, 0, "broker said <b>&\"no\"", 1);
    DayStatus status = DayStatus.of("clicks", DAY, List.of(cell(H03, 0, List.of(odd))), Optional.empty(), NEXT_DAY);
    String html = StatusHtml.render(status, FIX);
    assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<b>", "<script", "src=", "href=")
        .contains("broker said &lt;b&gt;&amp;&quot;no&quot;", "class=\"INCOMPLETE\"",
            "rerun --topic clicks --partition 0 --hour 2026112003 --config /etc/etl.properties");
  }

  private static HourCell cell(HourPartition hour, int partition, List<RangeRecord> rows) {
    return new HourCell(hour, partition, rows, new TreeSet<>());
  }

  private static RangeRecord row(HourPartition hour, int partition, long begin, long end, RangeState state) {
    boolean done = state.isFinal();
    return new RangeRecord(1, hour, event(partition, begin, end), state, done ? end : begin + (end - begin) / 2,
        done ? end - begin : (end - begin) / 2, 0, done ? "" : "stalled", 1);
  }

  private static KafkaEvent event(int partition, long begin, long end) {
    return new KafkaEvent(new TopicPartition("clicks", partition), new OffsetRange(begin, end));
  }
}
