package org.kafkaetl.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.merge.LedgerEntry;
import org.kafkaetl.core.merge.MergeLedger;
import org.kafkaetl.core.offsets.RunLock;

class LockFencedLedgerTest {
  private static final LocalDate DAY = LocalDate.of(2026, 12, 6);

  private final List<String> written = new ArrayList<>();
  private boolean held = true;

  @Test
  void aMergeThatStillHoldsItsLockRecords() {
    MergeLedger fenced = new LockFencedLedger(recording(), lock(), "merge:t");
    fenced.record(List.of());
    fenced.replace("t", DAY, 0, List.of());
    fenced.dayMerged("t", DAY, Instant.EPOCH, false);
    assertThat(written).containsExactly("record", "replace", "dayMerged");
  }

  @Test
  void aMergeThatLostItsLockRecordsNothingAndSaysWhy() {
    MergeLedger fenced = new LockFencedLedger(recording(), lock(), "merge:t");
    held = false;
    assertThatThrownBy(() -> fenced.record(List.of())).hasMessageContaining("lost the lock 'merge:t'")
        .hasMessageContaining("Run the merge again");
    assertThatThrownBy(() -> fenced.replace("t", DAY, 0, List.of())).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> fenced.dayMerged("t", DAY, Instant.EPOCH, true)).isInstanceOf(IllegalStateException.class);
    assertThat(written).isEmpty();
    assertThat(fenced.entries("t", DAY)).as("reads need no lock").isEmpty();
  }

  private RunLock.Held lock() {
    return new RunLock.Held() {
      @Override
      public boolean stillHeld() {
        return held;
      }

      @Override
      public void close() {}
    };
  }

  private MergeLedger recording() {
    return new MergeLedger() {
      @Override
      public List<LedgerEntry> entries(String topic, LocalDate date) {
        return List.of();
      }

      @Override
      public List<LedgerEntry> entries(String topic, LocalDate date, int partition) {
        return List.of();
      }

      @Override
      public java.util.Map<String, org.kafkaetl.core.merge.MergedHourlyFile> mergedHourlyFiles(HourPartition hour) {
        return java.util.Map.of();
      }

      @Override
      public java.util.Map<String, org.kafkaetl.core.merge.MergedHourlyFile> mergedHourlyFiles(String topic,
            HourPartition from, HourPartition to) {
        return java.util.Map.of();
      }

      @Override
      public MergeLedger newEpoch(String topic) {
        written.add("newEpoch");
        return this;
      }

      @Override
      public void record(List<LedgerEntry> appended) {
        written.add("record");
      }

      @Override
      public void replace(String topic, LocalDate date, int partition, List<LedgerEntry> rebuilt) {
        written.add("replace");
      }

      @Override
      public void dayMerged(String topic, LocalDate date, Instant at, boolean rebuilt) {
        written.add("dayMerged");
      }
    };
  }
}
