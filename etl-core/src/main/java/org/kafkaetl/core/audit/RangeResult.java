package org.kafkaetl.core.audit;

import java.util.ArrayList;
import java.util.List;
import org.kafkaetl.core.OffsetIntervals;
import org.kafkaetl.core.OffsetRange;

/**
 * What a {@link RangeTally} found for one range.
 *
 * @param expected offsets that must have landed (as data or error records): the range minus lost
 *     offsets, skipped tombstones and offsets holding no record (Kafka's word where it was read, the
 *     range report's elsewhere)
 * @param noRecordInKafka offsets Kafka has no record at (transaction markers, compaction); -1 when
 *     Kafka was not asked
 * @param copies extra copies of offsets seen more than once (offsets known)
 * @param surplus records beyond the offsets when offsets are not known (JSON/Avro ranges whose
 *     report does not name them)
 * @param offsetsKnown every data record's offset was known (carried in it or named by the range's
 *     report), so missing offsets are named exactly
 * @param outside records outside the range or of another partition
 */
public record RangeResult(OffsetRange range, long expected, long data, long errors, long lost,
    long noRecordInKafka, long copies, long surplus, long missing, boolean offsetsKnown,
    OffsetIntervals missingOffsets, OffsetIntervals repeatedOffsets, OffsetIntervals landedAtLost,
    OffsetIntervals landedWithoutKafkaRecord, long outside, List<Long> outsideExamples) {

  /** Records more than once: named copies plus unexplained surplus. */
  public long duplicates() {
    return copies + surplus;
  }

  /** Records that should not be there at all. */
  public long extra() {
    return outside + landedAtLost.count() + landedWithoutKafkaRecord.count();
  }

  /** One finding per kind of difference, each naming the offsets. */
  public List<Finding> findings(int partition, String where) {
    List<Finding> findings = new ArrayList<>();
    if (missing > 0) {
      findings.add(new Finding(Finding.Kind.MISSING, partition, where, offsetsKnown
          ? "offsets " + missingOffsets + " are in no data file, no error file and not recorded lost"
              + (noRecordInKafka < 0 ? "" : " though Kafka has records there")
          : missing + " records fewer than the range's offsets (JSON/Avro records carry no offset and"
              + " the range's report does not name them: which are missing is unknown)"));
    }
    if (copies > 0) {
      findings.add(new Finding(Finding.Kind.DUPLICATE, partition, where,
          "offsets " + repeatedOffsets + " landed more than once (" + copies + " extra copies)"));
    }
    if (surplus > 0) {
      findings.add(new Finding(Finding.Kind.DUPLICATE, partition, where, surplus
          + " records more than the range's offsets (JSON/Avro records the range's report does not name:"
          + " duplicates or records that belong elsewhere)"));
    }
    if (outside > 0) {
      findings.add(new Finding(Finding.Kind.EXTRA, partition, where, outside
          + " records outside the range or of another partition, e.g. offsets " + outsideExamples));
    }
    if (!landedAtLost.isEmpty()) {
      findings.add(new Finding(Finding.Kind.EXTRA, partition, where,
          "offsets " + landedAtLost + " landed although etl_lost_ranges records them as deleted by Kafka"));
    }
    if (!landedWithoutKafkaRecord.isEmpty()) {
      findings.add(new Finding(Finding.Kind.KAFKA_DIFFERS, partition, where, "offsets " + landedWithoutKafkaRecord
          + " landed but Kafka (read committed) has no record there (aborted transaction?)"));
    }
    return findings;
  }
}
