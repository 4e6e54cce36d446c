package org.kafkaetl.mapreduce.job;

import org.kafkaetl.core.decode.KafkaMessage;

/**
 * What the record reader hands the mapper: the next messages of the current event, or the end of
 * the event with how far it got. Never serialized: the job is map-only and writes files directly.
 */
public sealed interface ReadItem {
  /**
   * Messages inside the event's range, in offset order. Handed over many at a time because the
   * task framework's work per map() call (counters, progress, statistics) cost as much as landing
   * a small message.
   */
  record Messages(java.util.List<KafkaMessage> messages) implements ReadItem {
    public Messages {
      messages = java.util.List.copyOf(messages);
    }
  }

  /**
   * The event is done; {@code stopReason} is null when it was read to its end, {@code lost} lists
   * what Kafka had deleted before it could be read.
   */
  record RangeEnd(long reached, String stopReason, java.util.List<org.kafkaetl.core.OffsetRange> lost)
      implements ReadItem {}
}
