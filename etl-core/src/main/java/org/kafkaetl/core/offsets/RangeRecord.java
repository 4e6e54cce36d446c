package org.kafkaetl.core.offsets;

import org.kafkaetl.core.HourPartition;
import org.kafkaetl.core.KafkaEvent;

/**
 * One row of etl_offsets: a planned event of one run, with its current state.
 *
 * @param attempts how many times the range has been read (first read, retries, reruns)
 * @param incarnation which incarnation of the topic the offsets belong to: 0, then one more each
 *     time the topic was deleted and created again (its offsets restarted)
 * @param topicId Kafka's id of that incarnation; null if stored before ids were kept
 */
public record RangeRecord(
    long runId,
    HourPartition hour,
    KafkaEvent event,
    RangeState state,
    long reached,
    long records,
    long decodeErrors,
    String detail,
    int attempts,
    int incarnation,
    String topicId) {

  /** A row of the first incarnation, its topic id unknown. */
  public RangeRecord(long runId, HourPartition hour, KafkaEvent event, RangeState state, long reached, long records,
      long decodeErrors, String detail, int attempts) {
    this(runId, hour, event, state, reached, records, decodeErrors, detail, attempts, 0, null);
  }

  /**
   * Whether the row belongs to an incarnation the topic no longer has: Kafka now gives another
   * topic id, so its offsets stand for other messages and it can never be read again.
   */
  public boolean ofDeletedIncarnation(String kafkaTopicId) {
    return topicId != null && kafkaTopicId != null && !topicId.equals(kafkaTopicId);
  }
}
