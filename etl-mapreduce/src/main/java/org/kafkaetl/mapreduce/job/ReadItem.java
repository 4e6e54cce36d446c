package org.kafkaetl.mapreduce.job;

import org.kafkaetl.core.decode.KafkaMessage;

/**
 * What the record reader hands the mapper: a message of the current event, or the end of the
 * event with how far it got. Never serialized: the job is map-only and writes files directly.
 */
public sealed interface ReadItem {
  /** A message inside the event's range. */
  record Message(KafkaMessage message) implements ReadItem {}

  /**
   * The event is done; {@code stopReason} is null when it was read to its end, {@code lost} lists
   * what Kafka had deleted before it could be read.
   */
  record RangeEnd(long reached, String stopReason, java.util.List<org.kafkaetl.core.OffsetRange> lost)
      implements ReadItem {}
}
