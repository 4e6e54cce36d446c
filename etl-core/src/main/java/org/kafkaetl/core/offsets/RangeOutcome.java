package org.kafkaetl.core.offsets;

import java.util.List;
import org.kafkaetl.core.KafkaEvent;
import org.kafkaetl.core.OffsetRange;

/**
 * What the job achieved for one planned event, decided by the coverage check from committed task
 * reports.
 *
 * @param reached first offset not read ({@code event.range().end()} when complete)
 * @param detail human-readable cause when not complete, empty otherwise
 * @param lost sub-ranges Kafka had deleted before they were read (state LOST)
 */
public record RangeOutcome(KafkaEvent event, RangeState state, long reached, long records, long decodeErrors,
    String detail, List<OffsetRange> lost) {
  public RangeOutcome {
    lost = List.copyOf(lost);
  }

  /** An outcome without lost sub-ranges. */
  public RangeOutcome(KafkaEvent event, RangeState state, long reached, long records, long decodeErrors,
      String detail) {
    this(event, state, reached, records, decodeErrors, detail, List.of());
  }
}
