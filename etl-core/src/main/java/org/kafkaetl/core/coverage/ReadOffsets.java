package org.kafkaetl.core.coverage;

import java.util.List;
import org.kafkaetl.core.OffsetRange;

/**
 * The offsets of a read that are in none of its files: tombstones the topic's policy skipped, and
 * offsets Kafka returned no record for (compacted away, transaction markers). With the files'
 * offsets ({@link LandedFile#offsets}) and the lost sub-ranges they account for every offset the
 * read passed, each once.
 *
 * @param known false in reports written before reads kept their offsets ({@link #UNKNOWN})
 */
public record ReadOffsets(boolean known, List<OffsetRange> skipped, List<OffsetRange> noRecord) {
  public static final ReadOffsets UNKNOWN = new ReadOffsets(false, List.of(), List.of());

  public ReadOffsets {
    skipped = List.copyOf(skipped);
    noRecord = List.copyOf(noRecord);
  }

  public static ReadOffsets of(List<OffsetRange> skipped, List<OffsetRange> noRecord) {
    return new ReadOffsets(true, skipped, noRecord);
  }
}
