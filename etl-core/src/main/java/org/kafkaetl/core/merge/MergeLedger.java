package org.kafkaetl.core.merge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The durable record of what the daily files hold. A daily file is consistent when its length
 * equals the largest {@code byteEnd} the ledger has for it; anything beyond that was appended by a
 * merge that did not finish and is cut off before the next append.
 */
public interface MergeLedger {

  /** Everything appended into the topic's daily files of {@code date}, in partition and offset order. */
  List<LedgerEntry> entries(String topic, LocalDate date);

  /**
   * What was appended into one partition's daily files of {@code date}, in offset order: a check of
   * one partition must not read the whole day (2.4 M entries at 100 000 partitions).
   */
  List<LedgerEntry> entries(String topic, LocalDate date, int partition);

  /**
   * The hourly files from one hour directory that are in a daily file, of every topic, by path, each
   * with what tells whether a rerun wrote it again since it was merged.
   */
  java.util.Map<String, MergedHourlyFile> mergedHourlyFiles(org.kafkaetl.core.HourPartition hour);

  /**
   * One topic's hourly files from the hour directories {@code from} to {@code to} (both included) that
   * are in a daily file, by path: what a day's status needs, without the other topics' files.
   */
  java.util.Map<String, MergedHourlyFile> mergedHourlyFiles(String topic, org.kafkaetl.core.HourPartition from,
      org.kafkaetl.core.HourPartition to);

  /** Records appended files atomically. */
  void record(List<LedgerEntry> appended);

  /** Replaces what the ledger says of one partition's daily files of a date after a rebuild. */
  void replace(String topic, LocalDate date, int partition, List<LedgerEntry> rebuilt);

  /**
   * Begins the topic's next merge epoch: a merge calls it right after it took the topic's merge lock
   * and before it reads the ledger, and writes through the ledger it returns. From then on a write
   * through an earlier epoch's ledger fails, and one already in flight has committed before the new
   * epoch began — so a merge that lost its lock just after checking it cannot record bytes its
   * successor has cut off.
   */
  MergeLedger newEpoch(String topic);

  /**
   * Notes that a merge of the day added data: the first time it is the day's first merge, later
   * ones count as revisions (late data, reruns), and a rebuild is dated.
   */
  void dayMerged(String topic, LocalDate date, Instant at, boolean rebuilt);
}
