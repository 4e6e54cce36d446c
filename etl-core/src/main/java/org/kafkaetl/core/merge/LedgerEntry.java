package org.kafkaetl.core.merge;

import java.time.Instant;

/**
 * One hourly file appended to a daily file: where its bytes are and how many records it brought.
 *
 * @param part 0 for the daily file's first part; each schema change starts the next part
 * @param dailyFileId the id kept in the daily file's Avro metadata: a file replaced behind the ledger's back
 *     has another one
 */
public record LedgerEntry(HourlyFile hourly, String dailyPath, int part, String dailyFileId, long byteBegin,
    long byteEnd, long records, Instant mergedAt) {}
