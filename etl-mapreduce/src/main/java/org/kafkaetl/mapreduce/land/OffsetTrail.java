package org.kafkaetl.mapreduce.land;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kafkaetl.core.OffsetIntervals;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.coverage.RangeReport;
import org.kafkaetl.core.coverage.ReadOffsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offsets of one read as the lander passes its messages on: which file each went into and which
 * were skipped as tombstones; at the end, with the lost sub-ranges, which offsets held no record.
 * This is what lets the audit name the offset of every JSON or Avro record, whose fields do not.
 *
 * <p>Kafka hands a partition's messages in increasing offset order. Should one ever come out of
 * order, the read's offsets are given up (its report says they are not known, and the audit compares
 * the range by number) rather than the task failed. So are the offsets of a read that would need
 * more than {@link #MAX_INTERVALS} intervals (a transactional topic with small transactions breaks
 * the offsets at every commit marker): reports stay small and the task's memory bounded.
 */
final class OffsetTrail {
  static final int MAX_INTERVALS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(OffsetTrail.class);

  private final Map<String, OffsetIntervals> byFile = new HashMap<>();
  private OffsetIntervals skipped = new OffsetIntervals();
  private long last = -1;
  private boolean known = true;
  private int intervals;
  private String range = "";

  /** Starts the trail of a read of {@code range} (named in the log if its offsets are given up). */
  void clear(String range) {
    byFile.clear();
    skipped = new OffsetIntervals();
    last = -1;
    known = true;
    intervals = 0;
    this.range = range;
  }

  /** Starts from an earlier read's offsets, whose records are carried into this read's files. */
  void carry(RangeReport earlier) {
    if (earlier.accountedOffsets().isEmpty()) {
      known = false;
      return;
    }
    earlier.files().forEach(f -> f.offsets().forEach(r -> add(file(f.path()), r.begin(), r.end())));
    earlier.offsets().skipped().forEach(r -> add(skipped, r.begin(), r.end()));
    last = earlier.reached() - 1;
  }

  /** A message of this offset was handed to the lander. */
  void read(long offset) {
    if (offset <= last) {
      giveUp("offset " + offset + " came after offset " + last);
    }
    last = offset;
  }

  /** The message went into the file at {@code path}. */
  void landed(String path, long offset) {
    if (known) {
      add(file(path), offset, offset + 1);
    }
  }

  void skipped(long offset) {
    if (known) {
      add(skipped, offset, offset + 1);
    }
  }

  private void add(OffsetIntervals into, long begin, long end) {
    int before = into.intervalCount();
    into.add(begin, end);
    intervals += into.intervalCount() - before;
    if (intervals > MAX_INTERVALS) {
      giveUp("its offsets break into more than " + MAX_INTERVALS + " intervals");
    }
  }

  private void giveUp(String why) {
    if (known) {
      LOG.warn("{}: the report will not name its records' offsets ({}); the audit compares this range by number",
          range, why);
    }
    known = false;
    byFile.clear();
    skipped = new OffsetIntervals();
  }

  /** The offsets of the file's records in order; empty when not known. */
  List<OffsetRange> of(String path) {
    OffsetIntervals offsets = byFile.get(path);
    return known && offsets != null ? offsets.ranges() : List.of();
  }

  /** The offsets of {@code passed} that no file holds, for the report. */
  ReadOffsets account(OffsetRange passed, List<OffsetRange> lost) {
    if (!known) {
      return ReadOffsets.UNKNOWN;
    }
    List<OffsetRange> accounted = new ArrayList<>(lost);
    byFile.values().forEach(o -> accounted.addAll(o.ranges()));
    accounted.addAll(skipped.ranges());
    return ReadOffsets.of(skipped.ranges(), OffsetIntervals.of(accounted).complementIn(passed).ranges());
  }

  private OffsetIntervals file(String path) {
    return byFile.computeIfAbsent(path, p -> new OffsetIntervals());
  }
}
