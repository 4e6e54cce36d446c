package org.kafkaetl.core.audit;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.kafkaetl.core.OffsetIntervals;
import org.kafkaetl.core.OffsetRange;

/**
 * The offsets one etl_offsets row's files hold, tallied against its range: data records, error
 * records and lost offsets must together be every offset of the range exactly once. One bit per
 * offset of the range (a 10-million-offset range costs a few megabytes).
 *
 * <p>Raw topics' records carry their offset, so missing and repeated offsets are known exactly.
 * JSON and Avro records carry none: their range's report names the offset of each record of each
 * file, and skipped tombstones ({@link #skippedTombstone}). Records of reports from before reads
 * kept offsets ({@link #dataRecordWithoutOffset}) can only be compared by number, and the result
 * says so.
 *
 * <p>Offsets that hold no record (transaction markers, compacted away) are the report's {@link
 * #noRecordPerReport}; where Kafka is asked, {@link #kafkaRead} with the records Kafka returned
 * marks the rest of that part as having no record instead.
 */
public final class RangeTally {
  private static final int EXAMPLES = 5;

  private final OffsetRange range;
  private final int size;
  private final BitSet data = new BitSet();
  private final BitSet errors = new BitSet();
  private final BitSet skipped = new BitSet();
  private final BitSet noRecordPerReport = new BitSet();
  private final BitSet lost = new BitSet();
  private final BitSet repeated = new BitSet();
  private final BitSet inKafka = new BitSet();
  private OffsetRange kafkaRead;
  private long dataRecords;
  private long errorRecords;
  private long withoutOffset;
  private long beyondReport;
  private long copies;
  private long outside;
  private final List<Long> outsideExamples = new ArrayList<>();

  public RangeTally(OffsetRange range) {
    if (range.count() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("range " + range + " has more than " + Integer.MAX_VALUE
          + " offsets; the audit tallies one range at a time in a bit set");
    }
    this.range = range;
    this.size = (int) range.count();
  }

  public OffsetRange range() {
    return range;
  }

  /** Offsets Kafka deleted before they were read (etl_lost_ranges); the part inside the range counts. */
  public void lost(OffsetRange lostRange) {
    long begin = Math.max(lostRange.begin(), range.begin());
    long end = Math.min(lostRange.end(), range.end());
    if (begin < end) {
      lost.set(index(begin), index(end));
    }
  }

  /** A record in a data file, at {@code offset}. */
  public void dataRecord(long offset) {
    dataRecords++;
    count(offset, data);
  }

  /** A record in a data file whose offset is not known (JSON and Avro records carry none). */
  public void dataRecordWithoutOffset() {
    dataRecords++;
    withoutOffset++;
  }

  /** A record of a file past the last offset its range's report names for it: one too many. */
  public void dataRecordBeyondReport() {
    dataRecords++;
    beyondReport++;
  }

  /** A record in the range's error file (undecodable message), at {@code offset}. */
  public void errorRecord(long offset) {
    errorRecords++;
    count(offset, errors);
  }

  /** A tombstone the topic's policy skipped, at {@code offset}, as the range's report says. */
  public void skippedTombstone(long offset) {
    count(offset, skipped);
  }

  /** Offsets the range's report says Kafka returned no record for; the part inside the range counts. */
  public void noRecordPerReport(OffsetRange part) {
    long begin = Math.max(part.begin(), range.begin());
    long end = Math.min(part.end(), range.end());
    if (begin < end) {
      noRecordPerReport.set(index(begin), index(end));
    }
  }

  /** A record of another partition or topic found in this range's file. */
  public void foreignRecord(long offset) {
    dataRecords++;
    noteOutside(offset);
  }

  /** Kafka's records of {@code part} (within the range) were read; each one is then passed to {@link #kafkaRecord}. */
  public void kafkaRead(OffsetRange part) {
    if (part.begin() < range.begin() || part.end() > range.end()) {
      throw new IllegalArgumentException(part + " is not inside " + range);
    }
    kafkaRead = part;
  }

  public void kafkaRecord(long offset) {
    if (kafkaRead != null && kafkaRead.contains(offset)) {
      inKafka.set(index(offset));
    }
  }

  private void count(long offset, BitSet into) {
    if (!range.contains(offset)) {
      noteOutside(offset);
      return;
    }
    int i = index(offset);
    if (data.get(i) || errors.get(i) || skipped.get(i)) {
      repeated.set(i);
      copies++;
    } else {
      into.set(i);
    }
  }

  private void noteOutside(long offset) {
    outside++;
    if (outsideExamples.size() < EXAMPLES) {
      outsideExamples.add(offset);
    }
  }

  /**
   * The first offset at or after {@code from} that a data record should stand for — in the range,
   * not lost, not in the error file, not known to hold no record in Kafka — or -1. Records without
   * offsets are written in offset order, so the n-th one stands for the n-th such offset when the
   * numbers agree.
   */
  public long nextExpectedData(long from) {
    BitSet noRecord = noRecord();
    for (int i = Math.max(0, index(Math.max(from, range.begin()))); i < size; i++) {
      if (!lost.get(i) && !errors.get(i) && !skipped.get(i) && !noRecord.get(i)) {
        return range.begin() + i;
      }
    }
    return -1;
  }

  private int index(long offset) {
    return (int) (offset - range.begin());
  }

  /** The comparison of what landed with the range. */
  public RangeResult result() {
    BitSet landed = or(data, errors);
    BitSet noRecord = noRecord();
    BitSet atLost = and(landed, lost);
    BitSet withoutKafkaRecord = and(landed, noRecord);
    BitSet expected = new BitSet();
    expected.set(0, size);
    expected.andNot(lost);
    expected.andNot(noRecord);
    expected.andNot(skipped);
    BitSet missingBits = (BitSet) expected.clone();
    missingBits.andNot(landed);
    long missing = missingBits.cardinality();
    long surplus = beyondReport;
    if (withoutOffset > 0) {
      // Which offsets the offset-less records stand for is unknown: only numbers compare.
      long unexplained = missing - withoutOffset;
      missing = Math.max(0, unexplained);
      surplus += Math.max(0, -unexplained);
    }
    return new RangeResult(range, expected.cardinality(), dataRecords, errorRecords, lost.cardinality(),
        kafkaRead == null ? -1 : noRecordInKafka().cardinality(), copies, surplus, missing, withoutOffset == 0,
        withoutOffset == 0 ? OffsetIntervals.ofBits(missingBits, range.begin()) : new OffsetIntervals(),
        OffsetIntervals.ofBits(repeated, range.begin()), OffsetIntervals.ofBits(atLost, range.begin()),
        OffsetIntervals.ofBits(withoutKafkaRecord, range.begin()), outside, List.copyOf(outsideExamples));
  }

  /** Offsets holding no record: Kafka's word where it was read, the report's elsewhere. */
  private BitSet noRecord() {
    BitSet noRecord = (BitSet) noRecordPerReport.clone();
    if (kafkaRead != null && !kafkaRead.isEmpty()) {
      noRecord.clear(index(kafkaRead.begin()), index(kafkaRead.end()));
    }
    noRecord.or(noRecordInKafka());
    return noRecord;
  }

  private BitSet noRecordInKafka() {
    BitSet noRecord = new BitSet();
    if (kafkaRead != null && !kafkaRead.isEmpty()) {
      noRecord.set(index(kafkaRead.begin()), index(kafkaRead.end()));
      noRecord.andNot(inKafka);
    }
    return noRecord;
  }

  private static BitSet or(BitSet a, BitSet b) {
    BitSet r = (BitSet) a.clone();
    r.or(b);
    return r;
  }

  private static BitSet and(BitSet a, BitSet b) {
    BitSet r = (BitSet) a.clone();
    r.and(b);
    return r;
  }
}
