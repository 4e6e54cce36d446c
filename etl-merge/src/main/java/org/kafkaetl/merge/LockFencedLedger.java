package org.kafkaetl.merge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.merge.LedgerEntry;
import org.kafkaetl.core.merge.MergeLedger;
import org.kafkaetl.core.merge.MergedHourlyFile;
import org.kafkaetl.core.offsets.RunLock;

/**
 * The ledger as one merge may write it: only while it still holds the topic's merge lock. A merge
 * whose lock went with its database connection (a MySQL restart) may have been overtaken by another
 * merge that cut off and replaced its appended bytes; recording them then would point the ledger at
 * someone else's records. The write is refused instead, and the append is undone as for any failed
 * record.
 */
final class LockFencedLedger implements MergeLedger {
  private final MergeLedger ledger;
  private final RunLock.Held lock;
  private final String lockName;

  LockFencedLedger(MergeLedger ledger, RunLock.Held lock, String lockName) {
    this.ledger = ledger;
    this.lock = lock;
    this.lockName = lockName;
  }

  @Override
  public List<LedgerEntry> entries(String topic, LocalDate date) {
    return ledger.entries(topic, date);
  }

  @Override
  public List<LedgerEntry> entries(String topic, LocalDate date, int partition) {
    return ledger.entries(topic, date, partition);
  }

  @Override
  public java.util.Map<String, MergedHourlyFile> mergedHourlyFiles(HourPartition hour) {
    return ledger.mergedHourlyFiles(hour);
  }

  @Override
  public java.util.Map<String, MergedHourlyFile> mergedHourlyFiles(String topic, HourPartition from, HourPartition to) {
    return ledger.mergedHourlyFiles(topic, from, to);
  }

  @Override
  public MergeLedger newEpoch(String topic) {
    return new LockFencedLedger(ledger.newEpoch(topic), lock, lockName);
  }

  @Override
  public void record(List<LedgerEntry> appended) {
    requireLock();
    ledger.record(appended);
  }

  @Override
  public void replace(String topic, LocalDate date, int partition, List<LedgerEntry> rebuilt) {
    requireLock();
    ledger.replace(topic, date, partition, rebuilt);
  }

  @Override
  public void dayMerged(String topic, LocalDate date, Instant at, boolean rebuilt) {
    requireLock();
    ledger.dayMerged(topic, date, at, rebuilt);
  }

  private void requireLock() {
    if (!lock.stillHeld()) {
      throw new IllegalStateException("this merge lost the lock '" + lockName + "' (its database connection"
          + " ended), so another merge may have taken over; nothing was recorded and this merge's appends are"
          + " undone. Run the merge again");
    }
  }
}
