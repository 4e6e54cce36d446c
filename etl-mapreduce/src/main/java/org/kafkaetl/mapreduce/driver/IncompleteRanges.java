package org.kafkaetl.mapreduce.driver;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.offsets.OffsetStore;
import org.kafkaetl.core.offsets.RangeRecord;

/**
 * Every INCOMPLETE range the bookkeeping holds, of any topic and age, read once per run: the
 * retired-topic check and the retry both need them, and at many partitions the read is not cheap.
 * A failed read is not kept, so the next step that asks reads again: the retired-topic check, which
 * only warns, failing on it leaves the retry's read as it was.
 */
final class IncompleteRanges {
  private final OffsetStore store;
  private final HourPartition everyHour;
  private List<RangeRecord> read;

  IncompleteRanges(OffsetStore store, ZoneId zone) {
    this.store = store;
    this.everyHour = HourPartition.containing(Instant.EPOCH, zone);
  }

  /** In hour and offset order. */
  List<RangeRecord> all() {
    if (read == null) {
      read = List.copyOf(store.incompleteRanges(everyHour));
    }
    return read;
  }
}
