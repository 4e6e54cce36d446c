package org.kafkaetl.core.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kafkaetl.core.OffsetRange;
import org.kafkaetl.core.offsets.RangeOutcome;
import org.kafkaetl.core.offsets.RangeState;

/**
 * One topic's numbers of one command.
 *
 * @param records records landed
 * @param decodeErrors messages that went to the _errors files
 * @param incompleteRanges ranges left INCOMPLETE (each has an alert with its rerun command)
 * @param lostOffsets offsets Kafka deleted before they were read
 * @param bytesMerged bytes appended to (or rebuilt in) the daily files
 * @param implausibleEventTimes records read whose event time was implausible (etl.event.time.min, .max.skew)
 */
public record TopicTally(long records, long decodeErrors, long incompleteRanges, long lostOffsets, long bytesMerged,
    long implausibleEventTimes) {
  public static final TopicTally NONE = new TopicTally(0, 0, 0, 0, 0, 0);

  /** Per topic, what the coverage check decided for each range of a run or rerun. */
  public static Map<String, TopicTally> of(List<RangeOutcome> outcomes) {
    Map<String, TopicTally> tallies = new TreeMap<>();
    for (RangeOutcome o : outcomes) {
      long lost = o.lost().stream().mapToLong(OffsetRange::count).sum();
      TopicTally one = new TopicTally(o.records(), o.decodeErrors(), o.state() == RangeState.INCOMPLETE ? 1 : 0, lost, 0,
          0);
      tallies.merge(o.event().partition().topic(), one, TopicTally::plus);
    }
    return tallies;
  }

  public TopicTally plus(TopicTally o) {
    return new TopicTally(records + o.records, decodeErrors + o.decodeErrors, incompleteRanges + o.incompleteRanges,
        lostOffsets + o.lostOffsets, bytesMerged + o.bytesMerged, implausibleEventTimes + o.implausibleEventTimes);
  }

  public TopicTally withBytesMerged(long bytes) {
    return new TopicTally(records, decodeErrors, incompleteRanges, lostOffsets, bytesMerged + bytes,
        implausibleEventTimes);
  }

  public TopicTally withImplausibleEventTimes(long count) {
    return new TopicTally(records, decodeErrors, incompleteRanges, lostOffsets, bytesMerged,
        implausibleEventTimes + count);
  }
}
